/**
 * Bank accounts through the real domain functions on SQLite and PostgreSQL: the row holds no
 * plaintext IBAN, the list shows it masked, a SEPA mandate is a consent record with the text's hash,
 * a new IBAN ends the old mandate, reveal is audited, and removal withdraws the mandate consent.
 */
import { describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { AddBankAccountSchema, ChangeBankAccountSchema } from "@/lib/schemas/bank-account";
import { listBankAccounts, revealIban } from "@/lib/server/bank-accounts/bank-account-views";
import {
  addBankAccount,
  changeBankAccountNow,
  removeBankAccount,
} from "@/lib/server/bank-accounts/bank-accounts";
import { getMandateText } from "@/lib/server/bank-accounts/sepa-mandates";
import { customerActor, type CustomerActor } from "@/lib/server/actor";

const db = createPrismaClient();
const IBAN = "DE89370400440532013000";
const OTHER_IBAN = "AT611904300234573201";

async function customer(): Promise<CustomerActor> {
  const email = `bank.${Date.now()}.${Math.random().toString(36).slice(2)}@example.com`;
  const user = await db.user.create({ data: { email, emailNormalized: email, emailVerifiedAt: new Date() } });
  return customerActor(user.id, { ip: "192.0.2.7", userAgent: "vitest" });
}

async function mandateHash(): Promise<string> {
  const text = await getMandateText("de", { tx: db });
  if (!text) throw new Error("sepa_mandate purpose not seeded");
  return text.textHash;
}

const add = (actor: CustomerActor, input: Record<string, unknown>) =>
  addBankAccount(
    actor,
    AddBankAccountSchema.parse({ holderName: "Erika Mustermann", bic: "", grantMandate: false, ...input }),
    { locale: "de" },
  );

function valueOf<T>(result: ({ ok: true } & T) | { ok: false; code: string }): T {
  if (!result.ok) throw new Error(`expected success, got ${result.code}`);
  return result;
}

describe("bank accounts", () => {
  it("stores the IBAN only sealed and lists it masked", async () => {
    const actor = await customer();
    const added = valueOf(await add(actor, { iban: "de89 3704 0044 0532 0130 00", bic: "COBADEFFXXX" }));
    expect(added.ibanMasked).toBe("DE89 •••• •••• •••• •••• 00");

    const row = await db.bankAccount.findUniqueOrThrow({ where: { id: added.bankAccountId } });
    expect(JSON.stringify(row)).not.toContain(IBAN);
    expect(JSON.stringify(row)).not.toContain("370400440532013000");
    expect(row).toMatchObject({ ibanCountry: "DE", ibanLength: 22, ibanLast4: "3000", isDefault: true });
    expect(row.ibanCiphertext.split(".")[1]).toBe(row.ibanKeyId);
    expect(row.ibanFingerprint).toMatch(/^[0-9a-f]{64}$/);

    const list = await listBankAccounts(actor.userId);
    expect(list).toEqual([
      expect.objectContaining({
        id: added.bankAccountId,
        ibanMasked: "DE89 •••• •••• •••• •••• 00",
        bic: "COBADEFFXXX",
      }),
    ]);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { type: "bank_account.added", targetId: added.bankAccountId },
    });
    expect(JSON.stringify(audit)).not.toContain(IBAN);
  });

  it("refuses the same IBAN twice for one customer and more than five accounts", async () => {
    const actor = await customer();
    valueOf(await add(actor, { iban: IBAN }));
    expect(await add(actor, { iban: formatted(IBAN) })).toEqual({ ok: false, code: "DUPLICATE" });
    for (const iban of [
      "AT611904300234573201",
      "BE68539007547034",
      "NL91ABNA0417164300",
      "FI2112345600000785",
    ])
      valueOf(await add(actor, { iban }));
    expect(await add(actor, { iban: "DK5000400440116243" })).toEqual({ ok: false, code: "TOO_MANY" });
    expect(await db.bankAccount.count({ where: { userId: actor.userId, isDefault: true } })).toBe(1);
  });

  it("records a SEPA mandate as a consent record with the text's hash, version and language", async () => {
    const actor = await customer();
    const hash = await mandateHash();
    const added = valueOf(await add(actor, { iban: IBAN, grantMandate: true, mandateTextHash: hash }));
    expect(added.mandateReference).toMatch(/^KP-\d{8}-[A-Z2-9]{10}$/);

    const mandate = await db.sepaMandate.findUniqueOrThrow({
      where: { mandateReference: added.mandateReference ?? "" },
      include: { consentRecord: { include: { purpose: true } } },
    });
    expect(mandate).toMatchObject({
      userId: actor.userId,
      bankAccountId: added.bankAccountId,
      creditorIdentifier: "DE98ZZZ09999999999",
      textLocale: "de",
      textHash: hash,
      revokedAt: null,
    });
    expect(mandate.consentRecord).toMatchObject({
      action: "GRANTED",
      source: "PAYMENT_SETUP",
      locale: "de",
      textHash: hash,
      ip: "192.0.2.7",
      purpose: { key: "sepa_mandate" },
    });
    const events = await db.auditEvent.findMany({
      where: { subjectUserId: actor.userId },
      select: { type: true },
    });
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(["consent.granted", "sepa_mandate.granted", "bank_account.added"]),
    );
  });

  it("refuses a mandate for a text the customer did not see, and writes nothing", async () => {
    const actor = await customer();
    const stale = "0".repeat(64);
    expect(await add(actor, { iban: IBAN, grantMandate: true, mandateTextHash: stale })).toEqual({
      ok: false,
      code: "MANDATE_TEXT_CHANGED",
    });
    expect(await db.bankAccount.count({ where: { userId: actor.userId } })).toBe(0);
    expect(await db.consentRecord.count({ where: { userId: actor.userId } })).toBe(0);
  });

  it("changes holder and BIC keeping the mandate; a new IBAN ends it and can grant a new one", async () => {
    const actor = await customer();
    const hash = await mandateHash();
    const added = valueOf(await add(actor, { iban: IBAN, grantMandate: true, mandateTextHash: hash }));
    const change = (input: Record<string, unknown>) =>
      changeBankAccountNow(
        actor,
        ChangeBankAccountSchema.parse({
          bankAccountId: added.bankAccountId,
          holderName: "Erika Musterfrau",
          iban: "",
          bic: "",
          grantMandate: false,
          ...input,
        }),
        { locale: "de" },
      );

    const kept = valueOf(await change({ bic: "COBADEFF" }));
    expect(kept.mandateReference).toBe(added.mandateReference);
    expect(await change({ bic: "BKAUATWW" })).toEqual({ ok: false, code: "BIC_COUNTRY" });

    const before = await db.bankAccount.findUniqueOrThrow({ where: { id: added.bankAccountId } });
    const moved = valueOf(await change({ iban: OTHER_IBAN, grantMandate: true, mandateTextHash: hash }));
    expect(moved.ibanMasked).toBe("AT61 •••• •••• •••• ••01");
    expect(moved.mandateReference).not.toBe(added.mandateReference);
    const after = await db.bankAccount.findUniqueOrThrow({ where: { id: added.bankAccountId } });
    expect(after).toMatchObject({ holderName: "Erika Musterfrau", ibanCountry: "AT", bic: null });
    expect(after.ibanCiphertext).not.toBe(before.ibanCiphertext);
    expect(after.ibanFingerprint).not.toBe(before.ibanFingerprint);

    const mandates = await db.sepaMandate.findMany({
      where: { bankAccountId: added.bankAccountId },
      orderBy: { createdAt: "asc" },
    });
    expect(mandates.map((m) => [m.mandateReference, m.revokedAt === null])).toEqual([
      [added.mandateReference, false],
      [moved.mandateReference, true],
    ]);
    const changed = await db.auditEvent.findFirstOrThrow({
      where: { type: "bank_account.changed", targetId: added.bankAccountId },
      orderBy: { sequence: "desc" },
    });
    expect(changed.metadata).toMatchObject({
      fields: ["accountNumber", "bic"],
      endedMandates: [added.mandateReference],
    });
    expect(valueOf(await revealIban(actor, added.bankAccountId)).iban).toBe(OTHER_IBAN);
  });

  it("reveals the full IBAN only with an audit event", async () => {
    const actor = await customer();
    const added = valueOf(await add(actor, { iban: IBAN }));
    expect(valueOf(await revealIban(actor, added.bankAccountId)).iban).toBe(IBAN);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { type: "bank_account.revealed", targetId: added.bankAccountId },
    });
    expect(audit).toMatchObject({ actorId: actor.userId, subjectUserId: actor.userId, ip: "192.0.2.7" });
    expect(audit.metadata).toEqual({ accountMasked: "DE89 •••• •••• •••• •••• 00" });
  });

  it("removes an account, promotes the next default and withdraws the mandate consent", async () => {
    const actor = await customer();
    const hash = await mandateHash();
    const first = valueOf(await add(actor, { iban: IBAN, grantMandate: true, mandateTextHash: hash }));
    const second = valueOf(await add(actor, { iban: OTHER_IBAN }));
    valueOf(await removeBankAccount(actor, first.bankAccountId, { locale: "de" }));
    expect(
      await db.bankAccount.findMany({
        where: { userId: actor.userId },
        select: { id: true, isDefault: true },
      }),
    ).toEqual([{ id: second.bankAccountId, isDefault: true }]);
    const state = await db.consentState.findFirstOrThrow({
      where: { userId: actor.userId, purpose: { key: "sepa_mandate" } },
    });
    expect(state.lastAction).toBe("WITHDRAWN");
    // The grant stays as evidence after the mandate row went with the account.
    expect(
      await db.consentRecord.count({ where: { userId: actor.userId, action: "GRANTED", textHash: hash } }),
    ).toBe(1);
  });
});

function formatted(iban: string): string {
  return iban.replace(/(.{4})/g, "$1 ").toLowerCase();
}
