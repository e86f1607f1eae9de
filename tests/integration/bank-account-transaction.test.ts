/**
 * A new IBAN through transaction confirmation (docs/decisions/0010, addendum), on
 * SQLite and PostgreSQL with the real domain functions: which changes need a confirmation, that
 * the stored details hold the new IBAN only sealed, that confirming with an authenticator code
 * changes the account and mails the notice only after the commit, and that altered details, a
 * sealed value moved to another customer, or an account changed meanwhile change nothing.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sealNewIban } from "@/lib/server/bank-accounts/bank-account-change";
import {
  bankAccountChangeForDisplay,
  openBankAccountChange,
} from "@/lib/server/bank-accounts/bank-account-change-request";
import { hashDetails } from "@/lib/server/transactions/binding";
import { confirmTransactionWithTotp } from "@/lib/server/transactions/confirm-with-totp";
import { createTransaction } from "@/lib/server/transactions/create-transaction";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { AddBankAccountSchema, ChangeBankAccountSchema } from "@/lib/schemas/bank-account";
import { revealIban } from "@/lib/server/bank-accounts/bank-account-views";
import { addBankAccount } from "@/lib/server/bank-accounts/bank-accounts";
import { customerActor, type CustomerActor } from "@/lib/server/actor";
import { getMandateText } from "@/lib/server/bank-accounts/sepa-mandates";
import { encryptValue } from "@/lib/server/crypto/encryption";
import { generateTotpCode, generateTotpSecret } from "@/lib/server/factors/totp";
import { outboxDir } from "@/lib/server/mail/send-mail";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { createTestSession } from "../support/test-session";

const db = createPrismaClient();
const client: ClientInfo = { ip: "192.0.2.61", userAgent: "vitest", browser: null, os: null, location: null };
const IBAN = "DE89370400440532013000";
const NEW_IBAN = "AT611904300234573201";

afterAll(async () => {
  await db.$disconnect();
});

type Owner = CustomerActor & { sessionId: string; email: string; secret: string | null };

/** A customer with a session, one bank account (with a mandate) and, if asked, an authenticator app. */
async function customer(opts: { totp: boolean }): Promise<Owner & { bankAccountId: string }> {
  const email = `banktx.${Date.now()}.${Math.random().toString(36).slice(2)}@example.com`;
  const user = await db.user.create({
    data: {
      email,
      emailNormalized: email,
      emailVerifiedAt: new Date(),
      roles: { create: { role: "CUSTOMER" } },
    },
  });
  const session = await createTestSession(db, user.id);
  const secret = opts.totp ? generateTotpSecret() : null;
  if (secret) {
    const secretCiphertext = encryptValue(secret);
    await db.totpFactor.create({
      data: {
        userId: user.id,
        secretCiphertext,
        secretKeyId: secretCiphertext.split(".")[1] ?? "",
        confirmedAt: new Date(),
      },
    });
  }
  const actor = customerActor(user.id, client);
  const added = await addBankAccount(
    actor,
    AddBankAccountSchema.parse({
      holderName: "Erika Mustermann",
      iban: IBAN,
      bic: "",
      grantMandate: true,
      mandateTextHash: await mandateHash(),
    }),
    { locale: "de" },
  );
  if (!added.ok) throw new Error(`bank account not added: ${added.code}`);
  return { ...actor, sessionId: session.id, email, secret, bankAccountId: added.bankAccountId };
}

async function mandateHash(): Promise<string> {
  const text = await getMandateText("de", { tx: db });
  if (!text) throw new Error("sepa_mandate purpose not seeded");
  return text.textHash;
}

function changeTo(owner: { bankAccountId: string }, input: Record<string, unknown> = {}) {
  return ChangeBankAccountSchema.parse({
    bankAccountId: owner.bankAccountId,
    holderName: "Erika Musterfrau",
    iban: NEW_IBAN,
    bic: "BKAUATWWXXX",
    grantMandate: false,
    ...input,
  });
}

async function open(owner: Owner & { bankAccountId: string }, input: Record<string, unknown> = {}) {
  return openBankAccountChange(
    {
      userId: owner.userId,
      sessionId: owner.sessionId,
      change: changeTo(owner, input),
      locale: "de",
      client,
    },
    { tx: db },
  );
}

async function openedId(owner: Owner & { bankAccountId: string }, input: Record<string, unknown> = {}) {
  const opened = await open(owner, input);
  if (!opened.ok || opened.next !== "confirm")
    throw new Error(`expected a confirmation, got ${JSON.stringify(opened)}`);
  return opened.transactionId;
}

/** The code an authenticator app shows `steps` periods from now (each confirmation needs a new step). */
function code(owner: Owner, steps: number): string {
  if (!owner.secret) throw new Error("no authenticator app");
  return generateTotpCode({ secret: owner.secret, now: Date.now() + steps * 30_000 });
}

async function confirm(owner: Owner, transactionId: string, steps = 1) {
  const shown = await bankAccountChangeForDisplay({ ...owner, transactionId }, { tx: db });
  if (!shown) throw new Error("nothing to confirm");
  return confirmTransactionWithTotp(
    {
      userId: owner.userId,
      sessionId: owner.sessionId,
      transactionId,
      shownHash: shown.shownHash,
      code: code(owner, steps),
      client,
    },
    { tx: db },
  );
}

async function ibanOf(owner: Owner & { bankAccountId: string }): Promise<string> {
  const revealed = await revealIban(owner, owner.bankAccountId);
  if (!revealed.ok) throw new Error(revealed.code);
  return revealed.iban;
}

/** Outbox mails of the bank-account template to `email`. */
async function noticesTo(email: string): Promise<number> {
  const files = await readdir(outboxDir()).catch(() => [] as string[]);
  let count = 0;
  for (const file of files.filter((f) => f.includes("bank-account-changed"))) {
    if ((await readFile(path.join(outboxDir(), file), "utf8")).includes(email)) count++;
  }
  return count;
}

async function waitForNotices(email: string, expected: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await noticesTo(email)) < expected && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 100));
  expect(await noticesTo(email)).toBe(expected);
}

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
