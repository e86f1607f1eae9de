/**
 * A consent purpose of the spec's own (so its audience holds exactly the spec's customers), grants
 * as the one writer stores them (record + ConsentState projection), and an API key stored as the
 * admin page stores it (SHA-256 only).
 */
import { randomBytes } from "node:crypto";
import { consentTextHash } from "../../../lib/server/consent/text-hash";
import { hashToken } from "../../../lib/server/crypto/token-hash";
import { e2eDb } from "./users";

export type TestPurpose = {
  id: string;
  key: string;
  versionId: string;
  title: string;
  remove: () => Promise<void>;
};

export async function createTestPurpose(): Promise<TestPurpose> {
  const suffix = Date.now().toString(36);
  const key = `e2e_audience_${suffix}`;
  const title = `Testangebote ${suffix}`;
  const body = "Ich möchte Testangebote erhalten.";
  const purpose = await e2eDb().consentPurpose.create({
    data: { key, legalBasis: "CONSENT", sortOrder: 99 },
  });
  const version = await e2eDb().consentPurposeVersion.create({
    data: {
      purposeId: purpose.id,
      version: 1,
      publishedAt: new Date(),
      texts: {
        create: ["de", "en"].map((locale) => ({
          locale,
          title,
          body,
          textHash: consentTextHash(title, body),
        })),
      },
    },
  });
  return {
    id: purpose.id,
    key,
    versionId: version.id,
    title,
    // Other specs list every active purpose: the test purpose leaves with its records.
    remove: async () => {
      await e2eDb().consentRecord.deleteMany({ where: { purposeId: purpose.id } });
      await e2eDb().consentPurposeVersion.deleteMany({ where: { purposeId: purpose.id } });
      await e2eDb().consentPurpose.delete({ where: { id: purpose.id } });
    },
  };
}

export async function recordTestConsent(
  purpose: TestPurpose,
  userId: string,
  action: "GRANTED" | "WITHDRAWN",
): Promise<void> {
  const record = await e2eDb().consentRecord.create({
    data: {
      userId,
      purposeId: purpose.id,
      versionId: purpose.versionId,
      action,
      source: "CONSENT_CENTRE",
      locale: "de",
      textHash: consentTextHash(purpose.title, "Ich möchte Testangebote erhalten."),
    },
  });
  await e2eDb().consentState.upsert({
    where: { userId_purposeId: { userId, purposeId: purpose.id } },
    create: {
      userId,
      purposeId: purpose.id,
      versionId: purpose.versionId,
      lastAction: action,
      lastRecordId: record.id,
    },
    update: { versionId: purpose.versionId, lastAction: action, lastRecordId: record.id },
  });
}

export async function createTestApiKey(scopes: string[]): Promise<string> {
  const prefix = `kp_${randomBytes(4).toString("hex")}`;
  const key = `${prefix}_${randomBytes(32).toString("base64url")}`;
  await e2eDb().apiKey.create({
    data: {
      name: "E2E",
      prefix,
      keyHash: hashToken(key),
      scopes,
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });
  return key;
}
