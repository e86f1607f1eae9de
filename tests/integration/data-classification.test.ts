/**
 * The export half of the data classification (docs/security/data-classification.md), on SQLite and
 * PostgreSQL: a customer with a value in every `secret` and `sensitive` column of every model that
 * belongs to a customer; the data export must carry none of those values. A new secret or sensitive
 * column on a customer's model fails here until the fixture fills it.
 */
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { classifiedColumns, DATA_CLASSIFICATION } from "@/lib/config/data-classification";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { getEnv } from "@/lib/env";
import { sealIban } from "@/lib/server/bank-accounts/iban-crypto";
import { collectExportData } from "@/lib/server/privacy/export-data";

const db = createPrismaClient();
afterAll(() => db.$disconnect());

const IBAN = "DE02120300000000202051";
const later = () => new Date(Date.now() + 3_600_000);

/** Creates one row per model with a planted value in each secret and sensitive column. */
async function customerWithEverySecret(run: string) {
  const mark = (column: string) => `planted-${column}-${run}`;
  const email = `classified.${run}@example.com`;
  const user = await db.user.create({ data: { email, emailNormalized: email } });
  const userId = user.id;
  const device = await db.device.create({
    data: { userId, cookieIdHash: mark("cookieIdHash"), lastLatitude: 53.551086, lastLongitude: 9.993682 },
  });
  const session = await db.session.create({
    data: {
      userId,
      tokenHash: mark("sessionTokenHash"),
      idleExpiresAt: later(),
      absoluteExpiresAt: later(),
      authMethods: ["PASSWORD"],
    },
  });
  const pending = await db.pendingSignIn.create({
    data: {
      userId,
      tokenHash: mark("pendingTokenHash"),
      firstFactor: "PASSWORD",
      riskLevel: "LOW",
      allowedFactors: ["EMAIL_CODE"],
      expiresAt: later(),
    },
  });
  const bankId = `bank${run}`;
  await db.$transaction([
    db.passwordCredential.create({ data: { userId, hash: mark("passwordHash") } }),
    db.totpFactor.create({ data: { userId, secretCiphertext: mark("secretCiphertext"), secretKeyId: "k" } }),
    db.recoveryCode.create({ data: { userId, codeHash: mark("recoveryCodeHash") } }),
    db.emailOneTimeCode.create({
      data: {
        userId,
        purpose: "SIGN_IN",
        codeHash: mark("emailCodeHash"),
        pendingSignInId: pending.id,
        expiresAt: later(),
      },
    }),
    db.verificationToken.create({
      data: { userId, purpose: "PASSWORD_RESET", tokenHash: mark("tokenHash"), expiresAt: later() },
    }),
    db.phoneVerificationCode.create({
      data: { userId, phoneE164: mark("phoneE164"), codeHash: mark("phoneCodeHash"), expiresAt: later() },
    }),
    db.signInPass.create({
      data: {
        userId,
        kind: "THROTTLE_UNLOCK",
        deviceCookieHash: mark("deviceCookieHash"),
        expiresAt: later(),
      },
    }),
    db.signInAttempt.create({
      data: {
        userId,
        method: "PASSWORD",
        result: "SUCCEEDED",
        latitude: 48.137154,
        longitude: 11.576124,
        deviceId: device.id,
        sessionId: session.id,
      },
    }),
    db.bankAccount.create({
      data: {
        id: bankId,
        userId,
        holderName: "Erika Klassifiziert",
        ...sealIban(bankId, IBAN, getEnv().dataEncryptionKey),
        ibanFingerprint: mark("ibanFingerprint"),
        ibanLast4: IBAN.slice(-4),
        ibanCountry: "DE",
        ibanLength: IBAN.length,
      },
    }),
    db.pushSubscription.create({
      data: {
        userId,
        endpoint: `https://push.example/${mark("endpoint")}`,
        p256dh: mark("p256dh"),
        auth: mark("auth"),
      },
    }),
    db.dataExport.create({
      data: { userId, status: "READY", payloadCiphertext: mark("payloadCiphertext"), payloadKeyId: "k" },
    }),
  ]);
  return userId;
}

/** Every value stored in a secret or sensitive column of the customer's rows. */
async function protectedValues(userId: string): Promise<{ where: string; value: string }[]> {
  const found: { where: string; value: string }[] = [];
  for (const model of Object.keys(DATA_CLASSIFICATION)) {
    const columns = classifiedColumns(model).filter((c) => c.level === "secret" || c.level === "sensitive");
    const hasUserId = classifiedColumns(model).some((c) => c.column === "userId");
    if (columns.length === 0 || !hasUserId) continue;
    const delegate = (db as unknown as Record<string, { findMany(args: object): Promise<object[]> }>)[
      model.charAt(0).toLowerCase() + model.slice(1)
    ]!;
    const rows = (await delegate.findMany({ where: { userId } })) as Record<string, unknown>[];
    expect(rows.length, `${model}: the fixture must fill its secret and sensitive columns`).toBeGreaterThan(
      0,
    );
    for (const row of rows) {
      for (const { column } of columns) {
        expect(row[column], `${model}.${column} is filled`).not.toBeNull();
        found.push({ where: `${model}.${column}`, value: String(row[column]) });
      }
    }
  }
  return found;
}

describe("data classification: the export", () => {
  it("carries no value of a secret or sensitive column, and the full IBAN only masked", async () => {
    const userId = await customerWithEverySecret(randomUUID().slice(0, 8));
    const values = await protectedValues(userId);
    expect(values.map((v) => v.where)).toEqual(
      expect.arrayContaining(["PasswordCredential.hash", "Session.tokenHash", "BankAccount.ibanCiphertext"]),
    );
    expect(values.length).toBeGreaterThanOrEqual(18);

    const exported = JSON.stringify(await collectExportData({ userId }, { tx: db }));
    for (const { where, value } of values) expect(exported, `${where} leaked`).not.toContain(value);
    expect(exported).not.toContain(IBAN);
    expect(exported).toContain("DE02 •••• •••• •••• •••• 51");
  });
});
