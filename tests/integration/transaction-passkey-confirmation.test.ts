/**
 * Confirming a transaction with a passkey, on SQLite and PostgreSQL (docs/decisions/0010). A software
 * authenticator (P-256, signing like a platform authenticator) answers the WebAuthn challenge, so the
 * binding is tested end to end: the challenge derived from the details at creation, the recomputation
 * at confirmation, single use, expiry, session and user checks, and tampering with the stored details
 * (alone, or together with their hash).
 */
import { afterAll, describe, expect, it } from "vitest";
import { hashDetails } from "@/lib/server/transactions/binding";
import {
  confirmTransactionWithPasskey,
  transactionPasskeyOptions,
} from "@/lib/server/transactions/confirm-with-passkey";
import { TRANSACTION_TTL_MS } from "@/lib/server/transactions/create-transaction";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { relyingParty } from "@/lib/server/passkeys/relying-party";
import { createTestSession } from "../support/test-session";
import {
  db,
  client,
  customerWithPasskey,
  openOrder,
  signedResponse,
  stateOf,
  lastRejection,
} from "../support/transaction-fixtures";

/** A second app instance on the same database. */
const instanceB = createPrismaClient();

afterAll(async () => {
  await Promise.all([db.$disconnect(), instanceB.$disconnect()]);
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
