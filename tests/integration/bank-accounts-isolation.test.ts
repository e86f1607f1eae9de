/**
 * A customer can never read, reveal, change or delete another customer's bank account by sending
 * that account's id, on SQLite and PostgreSQL; and a sealed IBAN copied into
 * another customer's row does not open there.
 */
import { describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { AddBankAccountSchema, ChangeBankAccountSchema } from "@/lib/schemas/bank-account";
import { listBankAccounts, revealIban } from "@/lib/server/bank-accounts/bank-account-views";
import {
  addBankAccount,
  changeBankAccount,
  changeBankAccountNow,
  removeBankAccount,
} from "@/lib/server/bank-accounts/bank-accounts";
import { DecryptionError } from "@/lib/server/crypto/encryption";
import { customerActor, type CustomerActor } from "@/lib/server/actor";

const db = createPrismaClient();

async function customer(): Promise<CustomerActor> {
  const email = `isolation.${Date.now()}.${Math.random().toString(36).slice(2)}@example.com`;
  const user = await db.user.create({ data: { email, emailNormalized: email, emailVerifiedAt: new Date() } });
  return customerActor(user.id, { ip: "192.0.2.9", userAgent: "vitest" });
}

async function accountOf(actor: CustomerActor, iban: string): Promise<string> {
  const result = await addBankAccount(
    actor,
    AddBankAccountSchema.parse({ holderName: "Owner", iban, bic: "", grantMandate: false }),
    { locale: "de" },
  );
  if (!result.ok) throw new Error(result.code);
  return result.bankAccountId;
}

describe("bank account isolation", () => {
  it("answers NOT_FOUND for another customer's account id and leaves it untouched", async () => {
    const owner = await customer();
    const intruder = await customer();
    const victimId = await accountOf(owner, "DE89370400440532013000");
    await accountOf(intruder, "AT611904300234573201");
    const before = await db.bankAccount.findUniqueOrThrow({ where: { id: victimId } });

    // Read
    expect((await listBankAccounts(intruder.userId)).map((a) => a.id)).not.toContain(victimId);
    // Reveal
    expect(await revealIban(intruder, victimId)).toEqual({ ok: false, code: "NOT_FOUND" });
    expect(await db.auditEvent.count({ where: { type: "bank_account.revealed", targetId: victimId } })).toBe(
      0,
    );
    // Change (now, and through the executor the transaction registry will call)
    const details = ChangeBankAccountSchema.parse({
      bankAccountId: victimId,
      holderName: "Intruder",
      iban: "BE68539007547034",
      bic: "",
      grantMandate: false,
    });
    expect(await changeBankAccountNow(intruder, details, { locale: "de" })).toEqual({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(
      await db.$transaction((tx) => changeBankAccount({ userId: intruder.userId, details }, { tx })),
    ).toEqual({
      ok: false,
      code: "NOT_FOUND",
    });
    // Delete
    expect(await removeBankAccount(intruder, victimId, { locale: "de" })).toEqual({
      ok: false,
      code: "NOT_FOUND",
    });

    expect(await db.bankAccount.findUniqueOrThrow({ where: { id: victimId } })).toEqual(before);
    expect(await db.auditEvent.count({ where: { targetId: victimId, actorId: intruder.userId } })).toBe(0);
    // The owner still has it, unchanged.
    const revealed = await revealIban(owner, victimId);
    expect(revealed).toEqual({ ok: true, iban: "DE89370400440532013000" });
  });

  it("does not open a sealed IBAN copied into another customer's row", async () => {
    const owner = await customer();
    const intruder = await customer();
    const victimId = await accountOf(owner, "DE89370400440532013000");
    const intruderId = await accountOf(intruder, "AT611904300234573201");
    const victim = await db.bankAccount.findUniqueOrThrow({ where: { id: victimId } });
    await db.bankAccount.update({
      where: { id: intruderId },
      data: { ibanCiphertext: victim.ibanCiphertext, ibanKeyId: victim.ibanKeyId },
    });
    await expect(revealIban(intruder, intruderId)).rejects.toBeInstanceOf(DecryptionError);
    expect(
      await db.auditEvent.count({ where: { type: "bank_account.revealed", targetId: intruderId } }),
    ).toBe(0);
  });

  it("reveals at most ten IBANs an hour per person, audited each time; others are unaffected", async () => {
    const owner = await customer();
    const other = await customer();
    const ownerAccount = await accountOf(owner, "DE89370400440532013000");
    const otherAccount = await accountOf(other, "AT611904300234573201");
    for (let i = 0; i < 10; i += 1) {
      expect((await revealIban(owner, ownerAccount)).ok).toBe(true);
    }
    expect(await revealIban(owner, ownerAccount)).toEqual({ ok: false, code: "RATE_LIMITED" });
    expect(
      await db.auditEvent.count({ where: { type: "bank_account.revealed", targetId: ownerAccount } }),
    ).toBe(10);
    expect(await revealIban(other, otherAccount)).toEqual({
      ok: true,
      iban: "AT611904300234573201",
    });
  });
});
