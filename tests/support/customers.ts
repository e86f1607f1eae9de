/**
 * Customers for integration tests of the mailbox-proof rule (docs/decisions/0018), built through
 * the real domain functions where the portal has one: a passkey by a software authenticator's
 * ceremony, an authenticator app by its first code, a bank account with or without a mandate.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { expect } from "vitest";
import { hashPassword } from "@/lib/server/passwords/password-hash";
import type { Db } from "@/lib/db/prisma-client";
import { AddBankAccountSchema } from "@/lib/schemas/bank-account";
import { addBankAccount } from "@/lib/server/bank-accounts/bank-accounts";
import { getMandateText } from "@/lib/server/bank-accounts/sepa-mandates";
import { decryptValue } from "@/lib/server/crypto/encryption";
import { generateTotpCode } from "@/lib/server/factors/totp";
import { confirmTotpEnrolment, startTotpEnrolment } from "@/lib/server/factors/totp-factors";
import { addPasskey } from "@/lib/server/passkeys/manage-passkeys";
import { passkeyRegistrationOptions } from "@/lib/server/passkeys/passkey-registration";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { SoftwareAuthenticator } from "./software-authenticator";
import { customerActor } from "@/lib/server/actor";

/**
 * The address a test file signs in from, derived from its path. The files of a run share one
 * database, and the risk engine counts the accounts signed in from one address within an hour
 * (MANY_ACCOUNTS_FROM_IP): one address for every file would add up their sign-ins until a late file
 * is asked for a second factor. 198.18.0.0/15 is reserved for tests (RFC 2544) and big enough that
 * two files rarely meet.
 */
export function clientIpOf(testFile: string): string {
  const hash = createHash("sha256").update(path.relative(process.cwd(), testFile)).digest();
  return `198.${18 + (hash[0]! % 2)}.${hash[1]}.${1 + (hash[2]! % 254)}`;
}

/** The importing test file's client: vitest loads this module afresh for each file. */
export const client: ClientInfo = {
  ip: clientIpOf(expect.getState().testPath ?? "unknown test file"),
  userAgent: "vitest",
  browser: null,
  os: null,
  location: null,
};
export const PASSWORD = "Das erste Passwort dieses Kontos";
export const IBAN = "DE89370400440532013000";
export const unique = () => `${Date.now()}.${Math.random().toString(36).slice(2)}`;

export type Customer = { id: string; email: string };

/** A customer as registration leaves one; `proven` as if the verification link was used. */
export async function createCustomer(
  db: Db,
  opts: { proven: boolean; password?: boolean },
): Promise<Customer> {
  const email = `postfach.${unique()}@example.com`;
  const user = await db.user.create({
    data: {
      email,
      emailNormalized: email,
      emailVerifiedAt: opts.proven ? new Date() : null,
      roles: { create: { role: "CUSTOMER" } },
      communicationPreference: { create: {} },
      ...(opts.password === false
        ? {}
        : { passwordCredential: { create: { hash: await hashPassword(PASSWORD) } } }),
    },
  });
  return { id: user.id, email };
}

/** Takes the proof back: the state of an account set up before the rule existed. */
export const unprove = (db: Db, userId: string) =>
  db.user.update({ where: { id: userId }, data: { emailVerifiedAt: null } });

export const actorOf = (user: Customer) => customerActor(user.id, client);

export async function addPasskeyFor(db: Db, user: Customer): Promise<SoftwareAuthenticator> {
  const key = new SoftwareAuthenticator();
  const options = await passkeyRegistrationOptions(
    { id: user.id, email: user.email, displayName: null },
    { tx: db },
  );
  const added = await addPasskey(actorOf(user), key.register(options.challenge));
  if (!added.ok) throw new Error(`passkey not added: ${added.code}`);
  return key;
}

export async function startTotp(db: Db, user: Customer): Promise<string> {
  await startTotpEnrolment(user.id);
  const factor = await db.totpFactor.findUniqueOrThrow({ where: { userId: user.id } });
  return decryptValue(factor.secretCiphertext);
}

export async function enableTotp(db: Db, user: Customer): Promise<string> {
  const secret = await startTotp(db, user);
  if (!(await confirmTotpEnrolment({ userId: user.id, code: generateTotpCode({ secret }), client })))
    throw new Error("TOTP not enabled");
  return secret;
}

export async function addBankFor(db: Db, user: Customer, grantMandate = false): Promise<string> {
  const text = await getMandateText("de", { tx: db });
  const input = AddBankAccountSchema.parse({
    holderName: "Erika Mustermann",
    iban: IBAN,
    bic: "",
    grantMandate,
    mandateTextHash: text?.textHash,
  });
  const added = await addBankAccount(actorOf(user), input, { locale: "de" });
  if (!added.ok) throw new Error(`bank account not added: ${added.code}`);
  return added.bankAccountId;
}

export const pushEndpoint = () => `https://fcm.googleapis.com/fcm/send/${unique()}`;
export const pushKeys = {
  p256dh: "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM",
  auth: "tBHItJI5svbpez7KI4CCXg",
};
