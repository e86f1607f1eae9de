/**
 * A customer with something in every section of the data export (addresses, consents with
 * history, sign-ins, bank details), and the token of an export link. `db` is this module's own
 * client: vitest loads the module once per test file, and each file disconnects it in `afterAll`.
 */
import { randomUUID } from "node:crypto";
import { getEnv } from "@/lib/env";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { sealIban } from "@/lib/server/bank-accounts/iban-crypto";
import type { ClientInfo } from "@/lib/server/request/client-info";

export const db = createPrismaClient();

export const client: ClientInfo = {
  ip: "192.0.2.77",
  userAgent: "vitest export",
  browser: "Vitest",
  os: "Linux",
  location: null,
};
export const IBAN = "DE89370400440532013000";

export async function customerWithData() {
  const run = randomUUID().slice(0, 8);
  const email = `export.${run}@example.com`;
  const user = await db.user.create({
    data: {
      email,
      emailNormalized: email,
      passwordCredential: { create: { hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA" } },
      addresses: {
        create: [
          {
            recipientName: "Erika Export",
            street: `Exportweg ${run}`,
            houseNumber: "1",
            postalCode: "10115",
            city: "Berlin",
            country: "DE",
          },
          {
            type: "PACKSTATION",
            recipientName: "Erika Export",
            packstationNumber: "123",
            postNumber: "12345678",
            postalCode: "20095",
            city: "Hamburg",
            country: "DE",
          },
        ],
      },
      signInAttempts: {
        create: [
          {
            method: "PASSWORD",
            result: "SUCCEEDED",
            ip: "198.51.100.1",
            city: "Köln",
            emailNormalized: email,
          },
          { method: "PASSWORD", result: "INVALID_CREDENTIALS", ip: "198.51.100.2", emailNormalized: email },
        ],
      },
    },
  });
  const purpose = await db.consentPurpose.create({
    data: {
      key: `export_test_${run}`,
      legalBasis: "CONSENT",
      versions: { create: { version: 1, publishedAt: new Date() } },
    },
    include: { versions: true },
  });
  const version = purpose.versions[0]!;
  const common = {
    userId: user.id,
    purposeId: purpose.id,
    versionId: version.id,
    locale: "de",
    textHash: "a".repeat(64),
  };
  await db.consentRecord.create({
    data: {
      ...common,
      action: "GRANTED",
      source: "CONSENT_CENTRE",
      createdAt: new Date(Date.now() - 60_000),
    },
  });
  const last = await db.consentRecord.create({
    data: { ...common, action: "WITHDRAWN", source: "CONSENT_CENTRE" },
  });
  await db.consentState.create({
    data: {
      userId: user.id,
      purposeId: purpose.id,
      versionId: version.id,
      lastAction: "WITHDRAWN",
      lastRecordId: last.id,
    },
  });
  const bankId = `bank${run}`;
  await db.bankAccount.create({
    data: {
      id: bankId,
      userId: user.id,
      holderName: "Erika Export",
      ...sealIban(bankId, IBAN, getEnv().dataEncryptionKey),
      ibanLast4: IBAN.slice(-4),
      ibanCountry: "DE",
      ibanLength: IBAN.length,
    },
  });
  return { id: user.id, email, run, purposeKey: purpose.key };
}

export const tokenOf = (link: string) => new URL(link, "http://x").searchParams.get("token") ?? "";
