/**
 * Key rotation on SQLite and PostgreSQL: IBANs, TOTP secrets and webhook signing secrets sealed with a key that is now in
 * DATA_ENCRYPTION_PREVIOUS_KEYS are re-encrypted under the current key (blind index recomputed),
 * still decrypt, and a second run does nothing. Rows under a key not configured are reported.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getEnv, parseEncryptionKey, type EncryptionKey } from "@/lib/env";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { ibanFingerprint, openIban, sealIban } from "@/lib/server/bank-accounts/iban-crypto";
import { rotateEncryptionKeys } from "@/lib/server/bank-accounts/key-rotation";
import { decryptValue, decryptWithKeys, encryptWithKey, envelopeKeyId } from "@/lib/server/crypto/encryption";

const db = createPrismaClient();
const newKey = (): EncryptionKey => parseEncryptionKey(randomBytes(32).toString("base64")) as EncryptionKey;

async function customer() {
  const email = `rotation.${Date.now()}.${Math.random().toString(36).slice(2)}@example.com`;
  return db.user.create({ data: { email, emailNormalized: email } });
}

async function bankAccountSealedWith(userId: string, iban: string, key: EncryptionKey) {
  const id = crypto.randomUUID();
  return db.bankAccount.create({
    data: {
      id,
      userId,
      holderName: "Rotation Test",
      ibanLast4: iban.slice(-4),
      ibanCountry: iban.slice(0, 2),
      ibanLength: iban.length,
      ...sealIban(id, iban, key),
    },
  });
}

async function totpSealedWith(userId: string, secret: string, key: EncryptionKey) {
  const secretCiphertext = encryptWithKey(secret, key);
  return db.totpFactor.create({
    data: { userId, secretCiphertext, secretKeyId: envelopeKeyId(secretCiphertext) },
  });
}

describe("data key rotation", () => {
  it("re-encrypts IBANs and TOTP secrets sealed with a previous key; they still decrypt", async () => {
    // The test environment's DATA_ENCRYPTION_KEY is the current key; `old` plays the key it replaced.
    const current = getEnv().dataEncryptionKey;
    const old = newKey();
    const user = await customer();
    const other = await customer();
    const accounts = [
      await bankAccountSealedWith(user.id, "DE89370400440532013000", old),
      await bankAccountSealedWith(user.id, "AT611904300234573201", old),
      await bankAccountSealedWith(other.id, "NL91ABNA0417164300", old),
    ];
    const alreadyCurrent = await bankAccountSealedWith(other.id, "BE68539007547034", current);
    const totp = await totpSealedWith(user.id, "JBSWY3DPEHPK3PXP", old);

    const lines: string[] = [];
    const report = await rotateEncryptionKeys(
      {
        current,
        previous: [old],
        batchSize: 2,
        log: (line) => lines.push(line),
      },
      { tx: db },
    );
    expect(report.keyId).toBe(current.id);
    expect(report.bankAccounts.rotated).toBeGreaterThanOrEqual(3);
    expect(report.totpFactors.rotated).toBeGreaterThanOrEqual(1);
    expect(lines.length).toBeGreaterThan(0);

    const ibans = ["DE89370400440532013000", "AT611904300234573201", "NL91ABNA0417164300"];
    for (const [index, account] of accounts.entries()) {
      const row = await db.bankAccount.findUniqueOrThrow({ where: { id: account.id } });
      expect(row.ibanKeyId).toBe(current.id);
      expect(row.ibanCiphertext).not.toBe(account.ibanCiphertext);
      // Opens with the current key alone: the old key could now be dropped.
      expect(openIban(row.id, row.ibanCiphertext, [current])).toBe(ibans[index]);
      expect(row.ibanFingerprint).toBe(ibanFingerprint(ibans[index] as string, current));
    }
    const untouched = await db.bankAccount.findUniqueOrThrow({ where: { id: alreadyCurrent.id } });
    expect(untouched.ibanCiphertext).toBe(alreadyCurrent.ibanCiphertext);
    const factor = await db.totpFactor.findUniqueOrThrow({ where: { id: totp.id } });
    expect(factor.secretKeyId).toBe(current.id);
    expect(decryptValue(factor.secretCiphertext)).toBe("JBSWY3DPEHPK3PXP");

    const audit = await db.auditEvent.findFirstOrThrow({
      where: { type: "bank_account.keys_rotated" },
      // A system event joins a random partition (decision 0074): the newest by time, not sequence.
      orderBy: [{ createdAt: "desc" }, { sequence: "desc" }],
    });
    expect(audit).toMatchObject({ actorRole: "SYSTEM" });
    expect(audit.metadata).toMatchObject({ keyId: current.id });

    // Idempotent: nothing left under the old key.
    const again = await rotateEncryptionKeys({ current, previous: [old] }, { tx: db });
    expect(again.bankAccounts.rotated).toBe(0);
    expect(again.totpFactors.rotated).toBe(0);
  });

  it("re-encrypts webhook signing secrets sealed with a previous key; they still decrypt", async () => {
    const current = getEnv().dataEncryptionKey;
    const old = newKey();
    const secret = `whsec_${randomBytes(32).toString("base64")}`;
    const secretCiphertext = encryptWithKey(secret, old);
    const endpoint = await db.webhookEndpoint.create({
      data: {
        url: "https://hooks.example/rotation",
        events: ["consent.withdrawn"],
        secretCiphertext,
        secretKeyId: envelopeKeyId(secretCiphertext),
      },
    });
    const report = await rotateEncryptionKeys({ current, previous: [old] }, { tx: db });
    const row = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(row.secretKeyId).toBe(current.id);
    expect(decryptWithKeys(row.secretCiphertext, [current])).toBe(secret);
    expect(report.webhookSecrets.rotated).toBeGreaterThanOrEqual(1);
    const again = await rotateEncryptionKeys({ current, previous: [old] }, { tx: db });
    expect(again.webhookSecrets.rotated).toBe(0);
    await db.webhookEndpoint.delete({ where: { id: endpoint.id } });
  });

  it("leaves rows under a key that is not configured and counts them", async () => {
    const current = getEnv().dataEncryptionKey;
    const lost = newKey();
    const user = await customer();
    const account = await bankAccountSealedWith(user.id, "DE89370400440532013000", lost);
    const report = await rotateEncryptionKeys({ current, previous: [newKey()] }, { tx: db });
    expect(report.bankAccounts.unknownKey).toBeGreaterThanOrEqual(1);
    const row = await db.bankAccount.findUniqueOrThrow({ where: { id: account.id } });
    expect(row.ibanCiphertext).toBe(account.ibanCiphertext);
    // Clean up so later runs of other files see no unreadable rows.
    await db.bankAccount.delete({ where: { id: account.id } });
  });
});
