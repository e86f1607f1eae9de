/**
 * Customers with a bank account, bank-account changes opened and confirmed with an authenticator
 * code, and the notices in the outbox, for the tests of a new IBAN through transaction
 * confirmation. `db` is this module's own client: vitest loads the module once per test file, and
 * each file disconnects it in `afterAll`.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "vitest";
import {
  bankAccountChangeForDisplay,
  openBankAccountChange,
} from "@/lib/server/bank-accounts/bank-account-change-request";
import { confirmTransactionWithTotp } from "@/lib/server/transactions/confirm-with-totp";
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
import { createTestSession } from "./test-session";

export const db = createPrismaClient();
export const client: ClientInfo = {
  ip: "192.0.2.61",
  userAgent: "vitest",
  browser: null,
  os: null,
  location: null,
};
const IBAN = "DE89370400440532013000";
export const NEW_IBAN = "AT611904300234573201";

type Owner = CustomerActor & { sessionId: string; email: string; secret: string | null };

/** A customer with a session, one bank account (with a mandate) and, if asked, an authenticator app. */
export async function customer(opts: { totp: boolean }): Promise<Owner & { bankAccountId: string }> {
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

export async function mandateHash(): Promise<string> {
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

export async function open(owner: Owner & { bankAccountId: string }, input: Record<string, unknown> = {}) {
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

export async function openedId(
  owner: Owner & { bankAccountId: string },
  input: Record<string, unknown> = {},
) {
  const opened = await open(owner, input);
  if (!opened.ok || opened.next !== "confirm")
    throw new Error(`expected a confirmation, got ${JSON.stringify(opened)}`);
  return opened.transactionId;
}

/** The code an authenticator app shows `steps` periods from now (each confirmation needs a new step). */
export function code(owner: Owner, steps: number): string {
  if (!owner.secret) throw new Error("no authenticator app");
  return generateTotpCode({ secret: owner.secret, now: Date.now() + steps * 30_000 });
}

export async function confirm(owner: Owner, transactionId: string, steps = 1) {
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

export async function ibanOf(owner: Owner & { bankAccountId: string }): Promise<string> {
  const revealed = await revealIban(owner, owner.bankAccountId);
  if (!revealed.ok) throw new Error(revealed.code);
  return revealed.iban;
}

/** Outbox mails of the bank-account template to `email`. */
export async function noticesTo(email: string): Promise<number> {
  const files = await readdir(outboxDir()).catch(() => [] as string[]);
  let count = 0;
  for (const file of files.filter((f) => f.includes("bank-account-changed"))) {
    if ((await readFile(path.join(outboxDir(), file), "utf8")).includes(email)) count++;
  }
  return count;
}

export async function waitForNotices(email: string, expected: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await noticesTo(email)) < expected && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 100));
  expect(await noticesTo(email)).toBe(expected);
}
