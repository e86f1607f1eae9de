/**
 * Confirming a new IBAN through transaction confirmation (docs/decisions/0010, addendum), on
 * SQLite and PostgreSQL with the real domain functions: confirming with an authenticator code
 * changes the account and mails the notice only after the commit, and altered details, a sealed
 * value moved to another customer, or an account changed meanwhile change nothing.
 */
import { afterAll, describe, expect, it } from "vitest";
import { sealNewIban } from "@/lib/server/bank-accounts/bank-account-change";
import { bankAccountChangeForDisplay } from "@/lib/server/bank-accounts/bank-account-change-request";
import { confirmTransactionWithTotp } from "@/lib/server/transactions/confirm-with-totp";
import { createTransaction } from "@/lib/server/transactions/create-transaction";
import {
  db,
  client,
  NEW_IBAN,
  customer,
  openedId,
  code,
  confirm,
  ibanOf,
  noticesTo,
  waitForNotices,
} from "../support/bank-account-change-fixtures";

afterAll(async () => {
  await db.$disconnect();
});

describe("confirming a bank-account change", () => {
  it("changes the IBAN with an authenticator code and sends the notice after the commit", async () => {
    const owner = await customer({ totp: true });
    const oldMandate = await db.sepaMandate.findFirstOrThrow({
      where: { bankAccountId: owner.bankAccountId },
    });
    const transactionId = await openedId(owner);

    expect(await confirm(owner, transactionId)).toMatchObject({ ok: true, kind: "bank_account.change" });
    expect(await ibanOf(owner)).toBe(NEW_IBAN);
    expect(await db.bankAccount.findUniqueOrThrow({ where: { id: owner.bankAccountId } })).toMatchObject({
      holderName: "Erika Musterfrau",
      bic: "BKAUATWWXXX",
      ibanCountry: "AT",
    });
    expect(
      (await db.sepaMandate.findUniqueOrThrow({ where: { id: oldMandate.id } })).revokedAt,
    ).not.toBeNull();
    const row = await db.transactionConfirmation.findUniqueOrThrow({ where: { id: transactionId } });
    expect(row).toMatchObject({ status: "CONFIRMED", method: "TOTP" });
    expect(row.executedAt).not.toBeNull();
    const changed = await db.auditEvent.findFirstOrThrow({
      where: { type: "bank_account.changed", targetId: owner.bankAccountId },
    });
    expect(changed.metadata).toMatchObject({
      accountMasked: "AT61 •••• •••• •••• ••01",
      endedMandates: [oldMandate.mandateReference],
    });
    await waitForNotices(owner.email, 1);

    // Single use: the same confirmation cannot run twice.
    expect(
      await confirmTransactionWithTotp(
        {
          userId: owner.userId,
          sessionId: owner.sessionId,
          transactionId,
          shownHash: row.detailsHash,
          code: code(owner, 2),
          client,
        },
        { tx: db },
      ),
    ).toEqual({ ok: false, code: "NOT_PENDING" });
  });

  it("rejects details altered after display and leaves the account and mailbox alone", async () => {
    const owner = await customer({ totp: true });
    const transactionId = await openedId(owner);
    const shown = await bankAccountChangeForDisplay({ ...owner, transactionId }, { tx: db });
    const row = await db.transactionConfirmation.findUniqueOrThrow({ where: { id: transactionId } });
    const before = await db.bankAccount.findUniqueOrThrow({ where: { id: owner.bankAccountId } });
    await db.transactionConfirmation.update({
      where: { id: transactionId },
      data: { details: { ...(row.details as object), holderName: "Mallory Money" } },
    });

    const result = await confirmTransactionWithTotp(
      {
        userId: owner.userId,
        sessionId: owner.sessionId,
        transactionId,
        shownHash: shown?.shownHash ?? "",
        code: code(owner, 1),
        client,
      },
      { tx: db },
    );
    expect(result).toEqual({ ok: false, code: "REJECTED" });
    expect(
      await db.transactionConfirmation.findUniqueOrThrow({ where: { id: transactionId } }),
    ).toMatchObject({ status: "REJECTED", executedAt: null });
    expect(await db.bankAccount.findUniqueOrThrow({ where: { id: owner.bankAccountId } })).toEqual(before);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { type: "transaction.rejected", targetId: transactionId },
    });
    expect(audit.metadata).toMatchObject({ kind: "bank_account.change", reason: "details_changed" });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await noticesTo(owner.email)).toBe(0);
  });

  it("does not carry out a sealed IBAN taken from another customer's change, nor a stale old account", async () => {
    const victim = await customer({ totp: true });
    const attacker = await customer({ totp: true });
    const victimBefore = await db.bankAccount.findUniqueOrThrow({ where: { id: victim.bankAccountId } });

    // A well-formed transaction of the victim whose sealed IBAN was sealed for someone else.
    const foreign = await createTransaction(
      {
        userId: victim.userId,
        sessionId: victim.sessionId,
        kind: "bank_account.change",
        details: {
          bankAccountId: victim.bankAccountId,
          holderName: "Erika Mustermann",
          oldIbanMasked: "DE89 •••• •••• •••• •••• 00",
          newIbanMasked: "AT61 •••• •••• •••• ••01",
          newIbanSealed: sealNewIban({
            userId: attacker.userId,
            bankAccountId: victim.bankAccountId,
            iban: NEW_IBAN,
          }),
          bic: "",
          grantMandate: false,
          mandateTextHash: null,
          locale: "de",
        },
      },
      { tx: db },
    );
    await expect(
      confirmTransactionWithTotp(
        {
          userId: victim.userId,
          sessionId: victim.sessionId,
          transactionId: foreign.id,
          shownHash: foreign.detailsHash,
          code: code(victim, 1),
          client,
        },
        { tx: db },
      ),
    ).rejects.toThrow(/SEALED_VALUE/);
    // Everything rolled back: still pending, account untouched.
    expect(await db.transactionConfirmation.findUniqueOrThrow({ where: { id: foreign.id } })).toMatchObject({
      status: "PENDING",
      executedAt: null,
    });
    expect(await db.bankAccount.findUniqueOrThrow({ where: { id: victim.bankAccountId } })).toEqual(
      victimBefore,
    );

    // The account got another IBAN after the change was shown: the "from" side no longer holds.
    const owner = await customer({ totp: true });
    const transactionId = await openedId(owner);
    const second = await openedId(owner, { iban: "BE68539007547034", bic: "" });
    expect(await confirm(owner, second, 0)).toMatchObject({ ok: true });
    await expect(confirm(owner, transactionId, 1)).rejects.toThrow(/ACCOUNT_CHANGED/);
    expect(
      await db.transactionConfirmation.findUniqueOrThrow({ where: { id: transactionId } }),
    ).toMatchObject({ status: "PENDING", executedAt: null });
    expect(await ibanOf(owner)).toBe("BE68539007547034");
    await waitForNotices(owner.email, 1);
  });
});
