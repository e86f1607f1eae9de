/**
 * Opening a change of bank details (docs/decisions/0010, addendum), on SQLite and PostgreSQL with
 * the real domain functions: which changes need a confirmation, that the stored details hold the
 * new IBAN only sealed, and what is refused before anything is stored. Confirming it is in
 * bank-account-transaction.test.ts.
 */
import { afterAll, describe, expect, it } from "vitest";
import { bankAccountChangeForDisplay } from "@/lib/server/bank-accounts/bank-account-change-request";
import { hashDetails } from "@/lib/server/transactions/binding";
import { AddBankAccountSchema } from "@/lib/schemas/bank-account";
import { addBankAccount } from "@/lib/server/bank-accounts/bank-accounts";
import { db, NEW_IBAN, customer, mandateHash, open, openedId } from "../support/bank-account-change-fixtures";

afterAll(() => db.$disconnect());

describe("opening a bank-account change", () => {
  it("needs no confirmation without a factor, for holder or BIC only, or for the same IBAN", async () => {
    const noFactor = await customer({ totp: false });
    expect(await open(noFactor)).toEqual({ ok: true, next: "direct" });

    const owner = await customer({ totp: true });
    expect(await open(owner, { iban: "", bic: "COBADEFFXXX" })).toEqual({ ok: true, next: "direct" });
    expect(await open(owner, { iban: "DE89 3704 0044 0532 0130 00", bic: "" })).toEqual({
      ok: true,
      next: "direct",
    });
    expect(await db.transactionConfirmation.count({ where: { userId: owner.userId } })).toBe(0);
  });

  it("opens a confirmation that stores the new IBAN only sealed, bound to the details shown", async () => {
    const owner = await customer({ totp: true });
    const transactionId = await openedId(owner, { grantMandate: true, mandateTextHash: await mandateHash() });
    const row = await db.transactionConfirmation.findUniqueOrThrow({ where: { id: transactionId } });
    expect(row).toMatchObject({ kind: "bank_account.change", status: "PENDING", sessionId: owner.sessionId });
    expect(JSON.stringify(row.details)).not.toContain(NEW_IBAN);
    expect(JSON.stringify(row.details)).not.toContain("1904300234573201");
    expect(row.details).toMatchObject({
      bankAccountId: owner.bankAccountId,
      holderName: "Erika Musterfrau",
      oldIbanMasked: "DE89 •••• •••• •••• •••• 00",
      newIbanMasked: "AT61 •••• •••• •••• ••01",
      bic: "BKAUATWWXXX",
      grantMandate: true,
      locale: "de",
    });
    expect(row.detailsHash).toBe(hashDetails(row.details));

    const shown = await bankAccountChangeForDisplay({ ...owner, transactionId }, { tx: db });
    expect(shown).toMatchObject({ newIban: NEW_IBAN, oldIbanMasked: "DE89 •••• •••• •••• •••• 00" });
    expect(shown?.shownHash).toBe(row.detailsHash);
    // Another session of the same customer is not shown it.
    expect(
      await bankAccountChangeForDisplay({ ...owner, sessionId: "other", transactionId }, { tx: db }),
    ).toBeNull();
  });

  it("refuses up front what the change could not carry out", async () => {
    const owner = await customer({ totp: true });
    expect(await open(owner, { bankAccountId: "someone-elses" })).toEqual({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await open(owner, { grantMandate: true, mandateTextHash: "0".repeat(64) })).toEqual({
      ok: false,
      code: "MANDATE_TEXT_CHANGED",
    });
    const added = await addBankAccount(
      owner,
      AddBankAccountSchema.parse({ holderName: "Erika", iban: NEW_IBAN, bic: "", grantMandate: false }),
      { locale: "de" },
    );
    expect(added.ok).toBe(true);
    expect(await open(owner)).toEqual({ ok: false, code: "DUPLICATE" });
    expect(await db.transactionConfirmation.count({ where: { userId: owner.userId } })).toBe(0);
  });
});
