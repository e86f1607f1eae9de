/**
 * Transaction confirmation through the real domain functions, on SQLite and PostgreSQL
 * (docs/decisions/0010): creating one binds the challenge to the details, and a customer without a
 * passkey confirms with an authenticator code (the fallback). Confirming with a passkey is in
 * transaction-passkey-confirmation.test.ts.
 */
import { afterAll, describe, expect, it } from "vitest";
import { deriveTransactionChallenge, hashDetails } from "@/lib/server/transactions/binding";
import { confirmTransactionWithTotp } from "@/lib/server/transactions/confirm-with-totp";
import { createTransaction, TRANSACTION_TTL_MS } from "@/lib/server/transactions/create-transaction";
import { pendingTransactionFor } from "@/lib/server/transactions/display";
import { demoOrderDetails } from "@/lib/server/transactions/order-approval";
import { decryptValue } from "@/lib/server/crypto/encryption";
import { generateTotpCode } from "@/lib/server/factors/totp";
import { confirmTotpEnrolment, startTotpEnrolment } from "@/lib/server/factors/totp-factors";
import { resetRateLimit } from "@/lib/server/rate-limit/rate-limit";
import {
  db,
  client,
  customer,
  customerWithPasskey,
  openOrder,
  stateOf,
  lastRejection,
} from "../support/transaction-fixtures";

afterAll(() => db.$disconnect());

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
