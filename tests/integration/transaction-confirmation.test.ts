/**
 * Transaction confirmation through the real domain functions, on SQLite and PostgreSQL
 * (docs/decisions/0010). A software authenticator (P-256, signing like a platform authenticator) answers the
 * WebAuthn challenge, so the binding is tested end to end: the challenge derived from the details
 * at creation, the recomputation at confirmation, single use, expiry, session and user checks,
 * tampering with the stored details (alone, or together with their hash), and the TOTP fallback.
 */
import { afterAll, describe, expect, it } from "vitest";
import { deriveTransactionChallenge, hashDetails } from "@/lib/server/transactions/binding";
import {
  confirmTransactionWithPasskey,
  transactionPasskeyOptions,
} from "@/lib/server/transactions/confirm-with-passkey";
import { confirmTransactionWithTotp } from "@/lib/server/transactions/confirm-with-totp";
import { createTransaction, TRANSACTION_TTL_MS } from "@/lib/server/transactions/create-transaction";
import { pendingTransactionFor } from "@/lib/server/transactions/display";
import { demoOrderDetails } from "@/lib/server/transactions/order-approval";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { decryptValue } from "@/lib/server/crypto/encryption";
import { generateTotpCode } from "@/lib/server/factors/totp";
import { confirmTotpEnrolment, startTotpEnrolment } from "@/lib/server/factors/totp-factors";
import { resetRateLimit } from "@/lib/server/rate-limit/rate-limit";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { relyingParty } from "@/lib/server/passkeys/relying-party";
import { SoftwareAuthenticator } from "../support/software-authenticator";
import { createTestSession } from "../support/test-session";

const db = createPrismaClient();
/** A second app instance on the same database. */
const instanceB = createPrismaClient();
const client: ClientInfo = { ip: "192.0.2.60", userAgent: "vitest", browser: null, os: null, location: null };

afterAll(async () => {
  await Promise.all([db.$disconnect(), instanceB.$disconnect()]);
});

async function customer() {
  const email = `tx.${Date.now()}.${Math.random().toString(36).slice(2)}@example.com`;
  const user = await db.user.create({
    data: {
      email,
      emailNormalized: email,
      emailVerifiedAt: new Date(),
      roles: { create: { role: "CUSTOMER" } },
    },
  });
  const session = await createTestSession(db, user.id);
  return { userId: user.id, sessionId: session.id };
}

async function customerWithPasskey() {
  const owner = await customer();
  const authenticator = new SoftwareAuthenticator();
  await db.passkey.create({
    data: {
      userId: owner.userId,
      credentialId: authenticator.credentialId,
      publicKey: authenticator.publicKey,
      deviceType: "SINGLE_DEVICE",
      backedUp: false,
      name: "Software",
    },
  });
  return { ...owner, authenticator };
}

async function openOrder(owner: { userId: string; sessionId: string }, now?: Date) {
  return createTransaction(
    { ...owner, kind: "order.approve", details: demoOrderDetails(), client, now },
    { tx: db },
  );
}

/** What the browser does: fetch the options, sign their challenge. */
async function signedResponse(
  owner: { userId: string; sessionId: string; authenticator: SoftwareAuthenticator },
  transactionId: string,
  opts: { userVerified?: boolean } = {},
) {
  const options = await transactionPasskeyOptions({ ...owner, transactionId }, { tx: db });
  if (!options) throw new Error("no options for the transaction");
  return owner.authenticator.assert(options.challenge, opts);
}

async function stateOf(id: string) {
  return db.transactionConfirmation.findUniqueOrThrow({ where: { id } });
}

async function lastRejection(id: string) {
  const event = await db.auditEvent.findFirst({ where: { type: "transaction.rejected", targetId: id } });
  return (event?.metadata as { reason?: string } | null)?.reason ?? null;
}

describe("creating a transaction", () => {
  it("stores the details with their hash, a nonce and the challenge derived from both", async () => {
    const owner = await customer();
    const created = await openOrder(owner);
    const row = await db.transactionConfirmation.findUniqueOrThrow({
      where: { id: created.id },
      include: { webauthnChallenges: true },
    });
    // Read back from either database (jsonb reorders keys), the details hash the same.
    expect(hashDetails(row.details)).toBe(row.detailsHash);
    expect(row).toMatchObject({ status: "PENDING", sessionId: owner.sessionId, kind: "order.approve" });
    expect(row.nonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeLessThanOrEqual(TRANSACTION_TTL_MS + 1000);
    expect(row.webauthnChallenges).toHaveLength(1);
    expect(row.webauthnChallenges[0]).toMatchObject({
      purpose: "TRANSACTION",
      userId: owner.userId,
      consumedAt: null,
      challenge: deriveTransactionChallenge({
        kind: row.kind,
        detailsHash: row.detailsHash,
        nonce: row.nonce,
      }),
    });
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { type: "transaction.created", targetId: row.id },
    });
    expect(audit.metadata).toEqual({ kind: "order.approve", detailsHash: row.detailsHash });
  });

  it("refuses details that do not fit the kind's schema, and stores nothing", async () => {
    const owner = await customer();
    await expect(
      createTransaction(
        { ...owner, kind: "bank_account.change", details: { accountLast4: "3000" } },
        { tx: db },
      ),
    ).rejects.toThrow();
    expect(await db.transactionConfirmation.count({ where: { userId: owner.userId } })).toBe(0);
  });

  it("offers the pending one again to the same session, and a new one to another session", async () => {
    const owner = await customer();
    const first = await pendingTransactionFor(
      {
        ...owner,
        kind: "order.approve",
        newDetails: demoOrderDetails,
      },
      { tx: db },
    );
    const again = await pendingTransactionFor(
      {
        ...owner,
        kind: "order.approve",
        newDetails: demoOrderDetails,
      },
      { tx: db },
    );
    expect(again.id).toBe(first.id);
    expect(again.shownHash).toBe(first.shownHash);
    const other = await customer();
    const elsewhere = await pendingTransactionFor(
      {
        userId: owner.userId,
        sessionId: other.sessionId,
        kind: "order.approve",
        newDetails: demoOrderDetails,
      },
      { tx: db },
    );
    expect(elsewhere.id).not.toBe(first.id);
  });
});

describe("confirming with a passkey", () => {
  it("executes the transaction once, over the challenge bound to the details", async () => {
    const owner = await customerWithPasskey();
    const created = await openOrder(owner);
    const options = await transactionPasskeyOptions({ ...owner, transactionId: created.id }, { tx: db });
    expect(options).toMatchObject({ userVerification: "required", rpId: relyingParty().rpID });
    expect(options?.allowCredentials?.map((c) => c.id)).toEqual([owner.authenticator.credentialId]);
    const response = owner.authenticator.assert(options?.challenge ?? "");

    const request = { ...owner, transactionId: created.id, shownHash: created.detailsHash, response, client };
    expect(await confirmTransactionWithPasskey(request, { tx: db })).toMatchObject({
      ok: true,
      kind: "order.approve",
    });
    const after = await stateOf(created.id);
    expect(after).toMatchObject({ status: "CONFIRMED", method: "PASSKEY", rejectedAt: null });
    expect(after.executedAt).not.toBeNull();
    const challenge = await db.webAuthnChallenge.findFirstOrThrow({ where: { transactionId: created.id } });
    expect(challenge.consumedAt).not.toBeNull();
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { type: "transaction.confirmed", targetId: created.id },
    });
    expect(audit.metadata).toEqual({
      kind: "order.approve",
      method: "PASSKEY",
      detailsHash: created.detailsHash,
    });

    // Single use: the same answer again changes nothing.
    expect(await confirmTransactionWithPasskey(request, { tx: db })).toEqual({
      ok: false,
      code: "NOT_PENDING",
    });
    expect((await stateOf(created.id)).executedAt).toEqual(after.executedAt);
    expect(await transactionPasskeyOptions({ ...owner, transactionId: created.id }, { tx: db })).toBeNull();
  });

  it("executes once when two app instances receive the same approval at the same time", async () => {
    const owner = await customerWithPasskey();
    const created = await openOrder(owner);
    const response = await signedResponse(owner, created.id);
    const request = { ...owner, transactionId: created.id, shownHash: created.detailsHash, response };
    const results = await Promise.all([
      confirmTransactionWithPasskey(request, { tx: db }),
      confirmTransactionWithPasskey(request, { tx: instanceB }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, code: "NOT_PENDING" }]);
    expect(
      await db.auditEvent.count({ where: { type: "transaction.confirmed", targetId: created.id } }),
    ).toBe(1);
    expect((await stateOf(created.id)).status).toBe("CONFIRMED");
  });

  it("rejects when the stored details were altered after display", async () => {
    const owner = await customerWithPasskey();
    const created = await openOrder(owner);
    const response = await signedResponse(owner, created.id);
    await db.transactionConfirmation.update({
      where: { id: created.id },
      data: { details: { ...created.details, totalCents: 1_249_000 } },
    });
    const result = await confirmTransactionWithPasskey(
      {
        ...owner,
        transactionId: created.id,
        shownHash: created.detailsHash,
        response,
      },
      { tx: db },
    );
    expect(result).toEqual({ ok: false, code: "REJECTED" });
    expect(await stateOf(created.id)).toMatchObject({
      status: "REJECTED",
      executedAt: null,
      confirmedAt: null,
    });
    expect(await lastRejection(created.id)).toBe("details_changed");
  });

  it("rejects when details and stored hash were altered together: the signed challenge no longer matches", async () => {
    const owner = await customerWithPasskey();
    const created = await openOrder(owner);
    const response = await signedResponse(owner, created.id);
    const forged = { ...created.details, deliveryAddress: ["Irgendwo 1", "10115 Berlin"] };
    await db.transactionConfirmation.update({
      where: { id: created.id },
      data: { details: forged, detailsHash: hashDetails(forged) },
    });
    // Even a page that rendered the forged details (so the shown hash matches) cannot get it executed.
    const result = await confirmTransactionWithPasskey(
      {
        ...owner,
        transactionId: created.id,
        shownHash: hashDetails(forged),
        response,
      },
      { tx: db },
    );
    expect(result).toEqual({ ok: false, code: "REJECTED" });
    expect(await lastRejection(created.id)).toBe("challenge_mismatch");
    expect((await stateOf(created.id)).executedAt).toBeNull();
  });

  it("rejects when the page showed other details than are stored", async () => {
    const owner = await customerWithPasskey();
    const created = await openOrder(owner);
    const response = await signedResponse(owner, created.id);
    const result = await confirmTransactionWithPasskey(
      {
        ...owner,
        transactionId: created.id,
        shownHash: hashDetails({ ...created.details, totalCents: 1 }),
        response,
      },
      { tx: db },
    );
    expect(result).toEqual({ ok: false, code: "REJECTED" });
    expect(await lastRejection(created.id)).toBe("shown_details_differ");
  });

  it("rejects an assertion over another transaction's challenge", async () => {
    const owner = await customerWithPasskey();
    const first = await openOrder(owner);
    const second = await openOrder(owner);
    const responseForFirst = await signedResponse(owner, first.id);
    const result = await confirmTransactionWithPasskey(
      {
        ...owner,
        transactionId: second.id,
        shownHash: second.detailsHash,
        response: responseForFirst,
      },
      { tx: db },
    );
    expect(result).toEqual({ ok: false, code: "REJECTED" });
    expect(await lastRejection(second.id)).toBe("challenge_mismatch");
    expect((await stateOf(first.id)).status).toBe("PENDING");
  });

  it("requires user verification and a passkey of this customer", async () => {
    const owner = await customerWithPasskey();
    const withoutUv = await openOrder(owner);
    const result = await confirmTransactionWithPasskey(
      {
        ...owner,
        transactionId: withoutUv.id,
        shownHash: withoutUv.detailsHash,
        response: await signedResponse(owner, withoutUv.id, { userVerified: false }),
      },
      { tx: db },
    );
    expect(result).toEqual({ ok: false, code: "REJECTED" });
    expect(await lastRejection(withoutUv.id)).toBe("signature_invalid");

    const stranger = await customerWithPasskey();
    const created = await openOrder(owner);
    const options = await transactionPasskeyOptions({ ...owner, transactionId: created.id }, { tx: db });
    const strangersAnswer = stranger.authenticator.assert(options?.challenge ?? "");
    expect(
      await confirmTransactionWithPasskey(
        {
          ...owner,
          transactionId: created.id,
          shownHash: created.detailsHash,
          response: strangersAnswer,
        },
        { tx: db },
      ),
    ).toEqual({ ok: false, code: "REJECTED" });
    expect(await lastRejection(created.id)).toBe("unknown_credential");
  });

  it("is confirmed only by its own customer and session", async () => {
    const owner = await customerWithPasskey();
    const created = await openOrder(owner);
    const response = await signedResponse(owner, created.id);
    const request = { transactionId: created.id, shownHash: created.detailsHash, response };

    // Another customer cannot even see it: not found, and it stays pending.
    const other = await customerWithPasskey();
    expect(await confirmTransactionWithPasskey({ ...other, ...request }, { tx: db })).toEqual({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await transactionPasskeyOptions({ ...other, transactionId: created.id }, { tx: db })).toBeNull();
    expect((await stateOf(created.id)).status).toBe("PENDING");

    // The same customer in another session: rejected.
    const otherSession = await createTestSession(db, owner.userId);
    expect(
      await transactionPasskeyOptions(
        {
          ...owner,
          sessionId: otherSession.id,
          transactionId: created.id,
        },
        { tx: db },
      ),
    ).toBeNull();
    expect(
      await confirmTransactionWithPasskey({ ...owner, sessionId: otherSession.id, ...request }, { tx: db }),
    ).toEqual({ ok: false, code: "REJECTED" });
    expect(await lastRejection(created.id)).toBe("session_mismatch");
    expect((await stateOf(created.id)).executedAt).toBeNull();
  });

  it("expires after five minutes", async () => {
    const owner = await customerWithPasskey();
    const created = await openOrder(owner);
    const response = await signedResponse(owner, created.id);
    const later = new Date(Date.now() + TRANSACTION_TTL_MS + 1000);
    const result = await confirmTransactionWithPasskey(
      {
        ...owner,
        transactionId: created.id,
        shownHash: created.detailsHash,
        response,
        now: later,
      },
      { tx: db },
    );
    expect(result).toEqual({ ok: false, code: "EXPIRED" });
    expect(await stateOf(created.id)).toMatchObject({ status: "EXPIRED", executedAt: null });
  });
});

describe("confirming with an authenticator code (no passkey)", () => {
  async function customerWithTotp() {
    const owner = await customer();
    await startTotpEnrolment(owner.userId);
    const factor = await db.totpFactor.findUniqueOrThrow({ where: { userId: owner.userId } });
    const secret = decryptValue(factor.secretCiphertext);
    // Uses the current step; the codes below are from the next steps, as an app would show them.
    const codes = await confirmTotpEnrolment({
      userId: owner.userId,
      code: generateTotpCode({ secret }),
      client,
    });
    expect(codes).not.toBeNull();
    return { ...owner, secret };
  }

  it("executes with a valid code, not with a wrong one, and rejects altered details", async () => {
    const owner = await customerWithTotp();
    const created = await openOrder(owner);
    const request = { ...owner, transactionId: created.id, shownHash: created.detailsHash, client };

    const wrong = generateTotpCode({ secret: owner.secret, now: Date.now() - 10 * 60_000 });
    expect(await confirmTransactionWithTotp({ ...request, code: wrong }, { tx: db })).toEqual({
      ok: false,
      code: "INVALID_CODE",
    });
    expect((await stateOf(created.id)).status).toBe("PENDING");

    const code = generateTotpCode({ secret: owner.secret, now: Date.now() + 30_000 });
    expect(await confirmTransactionWithTotp({ ...request, code }, { tx: db })).toMatchObject({ ok: true });
    expect(await stateOf(created.id)).toMatchObject({ status: "CONFIRMED", method: "TOTP" });
    expect((await stateOf(created.id)).executedAt).not.toBeNull();

    const tampered = await openOrder(owner);
    await db.transactionConfirmation.update({
      where: { id: tampered.id },
      data: { details: { ...tampered.details, totalCents: 99 } },
    });
    const result = await confirmTransactionWithTotp(
      {
        ...owner,
        transactionId: tampered.id,
        shownHash: tampered.detailsHash,
        code: generateTotpCode({ secret: owner.secret, now: Date.now() + 60_000 }),
      },
      { tx: db },
    );
    expect(result).toEqual({ ok: false, code: "REJECTED" });
    expect(await stateOf(tampered.id)).toMatchObject({ status: "REJECTED", executedAt: null });
    expect(await lastRejection(tampered.id)).toBe("details_changed");
  });

  it("throttles wrong codes like the second factor at sign-in", async () => {
    const owner = await customerWithTotp();
    const created = await openOrder(owner);
    const request = { ...owner, transactionId: created.id, shownHash: created.detailsHash };
    const wrong = generateTotpCode({ secret: owner.secret, now: Date.now() - 10 * 60_000 });
    const outcomes = [];
    for (let i = 0; i < 7; i++)
      outcomes.push(await confirmTransactionWithTotp({ ...request, code: wrong }, { tx: db }));
    const last = await confirmTransactionWithTotp({ ...request, code: wrong }, { tx: db });
    expect(outcomes.slice(0, 5).map((o) => (o.ok ? "ok" : o.code))).toEqual(Array(5).fill("INVALID_CODE"));
    expect(last).toMatchObject({ ok: false, code: "RATE_LIMITED" });
    await resetRateLimit({ policy: "secondFactor", subject: owner.userId }, { tx: db });
  });

  it("is not offered to a customer with a passkey", async () => {
    const owner = await customerWithPasskey();
    const created = await openOrder(owner);
    expect(
      await confirmTransactionWithTotp(
        {
          ...owner,
          transactionId: created.id,
          shownHash: created.detailsHash,
          code: "123456",
        },
        { tx: db },
      ),
    ).toEqual({ ok: false, code: "NOT_ALLOWED" });
    expect((await stateOf(created.id)).status).toBe("PENDING");
  });
});
