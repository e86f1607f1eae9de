/**
 * Customers, test purposes and their records for the consent-centre tests. `db` is this module's
 * own client: vitest loads the module once per test file, and `removeTestData` (its `afterAll`)
 * deletes what the file created and disconnects.
 */
import { createPrismaClient } from "@/lib/db/prisma-client";
import { changeConsent } from "@/lib/server/consent/consent-centre";
import { deriveConsentState } from "@/lib/server/consent/derive-state";
import { consentTextHash } from "@/lib/server/consent/text-hash";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { customerActor, type CustomerActor } from "@/lib/server/actor";

export const db = createPrismaClient();
export const client: ClientInfo = {
  ip: "192.0.2.60",
  userAgent: "Firefox test",
  browser: "Firefox",
  os: "Linux",
  location: null,
};
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const userIds: string[] = [];
const purposeKeys: string[] = [];

export async function removeTestData() {
  // Test data only: users cascade to their records; the test purposes go so that other files that
  // count reference data (seed.test.ts) still see exactly the seeded purposes.
  await db.user.deleteMany({ where: { id: { in: userIds } } });
  await db.consentPurposeVersion.deleteMany({ where: { purpose: { key: { in: purposeKeys } } } });
  await db.consentPurpose.deleteMany({ where: { key: { in: purposeKeys } } });
  await db.$disconnect();
}

export async function customer(): Promise<CustomerActor> {
  const email = `consent.${run}.${userIds.length}@example.com`;
  const user = await db.user.create({ data: { email, emailNormalized: email } });
  userIds.push(user.id);
  return customerActor(user.id, client);
}

async function latestVersion(key: string): Promise<number> {
  const v = await db.consentPurposeVersion.findFirstOrThrow({
    where: { purpose: { key }, publishedAt: { not: null } },
    orderBy: { version: "desc" },
  });
  return v.version;
}

export const grant = async (who: CustomerActor, key: string) =>
  changeConsent(who, {
    locale: "de",
    purposeKey: key,
    version: await latestVersion(key),
    action: "GRANTED",
    source: "CONSENT_CENTRE",
  });
export const withdraw = (who: CustomerActor, key: string) =>
  changeConsent(who, {
    locale: "de",
    purposeKey: key,
    version: 1,
    action: "WITHDRAWN",
    source: "CONSENT_CENTRE",
  });

/** The state derived from every record of the purpose, to compare with the projection's reader. */
export async function derivedFromAllRecords(userId: string, key: string) {
  const [records, versions] = await Promise.all([
    db.consentRecord.findMany({
      where: { userId, purpose: { key } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { action: true, createdAt: true, version: { select: { version: true } } },
    }),
    db.consentPurposeVersion.findMany({ where: { purpose: { key } } }),
  ]);
  return deriveConsentState(
    records.map((r) => ({ action: r.action, createdAt: r.createdAt, version: r.version.version })),
    versions,
  );
}

export async function testPurpose(): Promise<string> {
  const key = `itest_${run}_${purposeKeys.length}`;
  purposeKeys.push(key);
  const texts = { de: ["Testzweck", "Wir dürfen testen."], en: ["Test purpose", "We may test."] } as const;
  await db.consentPurpose.create({
    data: {
      key,
      legalBasis: "CONSENT",
      sortOrder: 900,
      versions: {
        create: {
          version: 1,
          publishedAt: new Date(),
          texts: {
            create: Object.entries(texts).map(([locale, [title, body]]) => ({
              locale,
              title,
              body,
              textHash: consentTextHash(title, body),
            })),
          },
        },
      },
    },
  });
  return key;
}
