/**
 * The consent centre through the real domain functions, on SQLite and PostgreSQL: grant and
 * withdraw append records (never update them) and keep the ConsentState projection equal to the
 * state derived from all records; withdrawal takes effect everywhere in the same transaction
 * (newsletter topics, push offers); contract purposes are read-only; an admin's material version
 * suspends grants and the re-consent answer is recorded; a minor one does not.
 */
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { changeConsent } from "@/lib/server/consent/consent-centre";
import { getConsentOverview, pendingReConsents } from "@/lib/server/consent/consent-overview";
import { publishConsentVersion } from "@/lib/server/consent/consent-versions";
import { currentConsents, hasCurrentConsent } from "@/lib/server/consent/current-consent";
import { deriveConsentState } from "@/lib/server/consent/derive-state";
import { consentTextHash } from "@/lib/server/consent/text-hash";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { customerActor, type CustomerActor } from "@/lib/server/actor";

const db = createPrismaClient();
const client: ClientInfo = {
  ip: "192.0.2.60",
  userAgent: "Firefox test",
  browser: "Firefox",
  os: "Linux",
  location: null,
};
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const userIds: string[] = [];
const purposeKeys: string[] = [];

afterAll(async () => {
  // Test data only: users cascade to their records; the test purposes go so that other files that
  // count reference data (seed.test.ts) still see exactly the seeded purposes.
  await db.user.deleteMany({ where: { id: { in: userIds } } });
  await db.consentPurposeVersion.deleteMany({ where: { purpose: { key: { in: purposeKeys } } } });
  await db.consentPurpose.deleteMany({ where: { key: { in: purposeKeys } } });
  await db.$disconnect();
});

async function customer(): Promise<CustomerActor> {
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

const grant = async (who: CustomerActor, key: string) =>
  changeConsent(who, {
    locale: "de",
    purposeKey: key,
    version: await latestVersion(key),
    action: "GRANTED",
    source: "CONSENT_CENTRE",
  });
const withdraw = (who: CustomerActor, key: string) =>
  changeConsent(who, {
    locale: "de",
    purposeKey: key,
    version: 1,
    action: "WITHDRAWN",
    source: "CONSENT_CENTRE",
  });

/** The state derived from every record of the purpose, to compare with the projection's reader. */
async function derivedFromAllRecords(userId: string, key: string) {
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

async function testPurpose(): Promise<string> {
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

describe("consent centre", () => {
  it("grants and withdraws with one appended record each and never rewrites earlier ones", async () => {
    const erika = await customer();
    expect(await grant(erika, "analytics")).toEqual({ ok: true, changed: true, title: "Analyse" });
    expect(await grant(erika, "marketing_email")).toMatchObject({ ok: true, changed: true });
    const before = await db.consentRecord.findMany({
      where: { userId: erika.userId },
      orderBy: { createdAt: "asc" },
    });
    expect(await withdraw(erika, "analytics")).toMatchObject({ ok: true, changed: true });
    // Repeating the current state appends nothing.
    expect(await withdraw(erika, "analytics")).toMatchObject({ ok: true, changed: false });
    expect(await grant(erika, "marketing_email")).toMatchObject({ ok: true, changed: false });

    const after = await db.consentRecord.findMany({
      where: { userId: erika.userId },
      orderBy: { createdAt: "asc" },
    });
    expect(after).toHaveLength(3);
    expect(after.slice(0, 2)).toEqual(before);
    expect(after[2]).toMatchObject({
      action: "WITHDRAWN",
      source: "CONSENT_CENTRE",
      locale: "de",
      ip: "192.0.2.60",
    });
    const analyticsText = await db.consentPurposeText.findFirstOrThrow({
      where: { locale: "de", version: { version: 1, purpose: { key: "analytics" } } },
    });
    expect(after[2]?.textHash).toBe(analyticsText.textHash);

    for (const key of ["analytics", "marketing_email", "personalisation"]) {
      const projected = (await currentConsents(erika.userId, { tx: db })).find((c) => c.purposeKey === key);
      expect(projected).toMatchObject(await derivedFromAllRecords(erika.userId, key));
    }
    expect(await hasCurrentConsent({ userId: erika.userId, purposeKey: "marketing_email" }, { tx: db })).toBe(
      true,
    );
    expect(await hasCurrentConsent({ userId: erika.userId, purposeKey: "analytics" }, { tx: db })).toBe(
      false,
    );
    expect(await hasCurrentConsent({ userId: erika.userId, purposeKey: "no_such_purpose" }, { tx: db })).toBe(
      false,
    );

    const audit = await db.auditEvent.findMany({
      where: { subjectUserId: erika.userId, type: { startsWith: "consent." } },
      orderBy: { sequence: "asc" },
    });
    expect(audit.map((e) => e.type)).toEqual(["consent.granted", "consent.granted", "consent.withdrawn"]);

    const overview = await getConsentOverview(erika.userId, "de");
    const analytics = overview.find((p) => p.key === "analytics");
    expect(analytics?.history.map((h) => [h.action, h.version, h.source])).toEqual([
      ["WITHDRAWN", 1, "CONSENT_CENTRE"],
      ["GRANTED", 1, "CONSENT_CENTRE"],
    ]);
    expect(overview.find((p) => p.key === "marketing_email")?.agreed).toMatchObject({
      version: 1,
      title: "Newsletter per E-Mail",
    });
    // Contract purposes without records are not listed; nothing of another customer shows up.
    expect(overview.map((p) => p.key)).not.toContain("sepa_mandate");
    const other = await customer();
    expect((await getConsentOverview(other.userId, "de")).every((p) => p.history.length === 0)).toBe(true);
  });

  it("refuses contract and acknowledgement purposes, unknown purposes and grants of outdated text", async () => {
    const who = await customer();
    for (const key of ["terms", "sepa_mandate"]) {
      expect(await withdraw(who, key)).toEqual({ ok: false, code: "NOT_CHANGEABLE" });
      expect(await grant(who, key)).toEqual({ ok: false, code: "NOT_CHANGEABLE" });
    }
    expect(await withdraw(who, "nope")).toEqual({ ok: false, code: "NOT_FOUND" });
    expect(
      await changeConsent(who, {
        locale: "de",
        purposeKey: "analytics",
        version: 99,
        action: "GRANTED",
        source: "CONSENT_CENTRE",
      }),
    ).toEqual({ ok: false, code: "VERSION_CHANGED" });
    expect(await db.consentRecord.count({ where: { userId: who.userId } })).toBe(0);
  });

  it("withdrawing marketing email ends the newsletter, marketing push switches offers off, at once", async () => {
    const erika = await customer();
    const other = await customer();
    for (const who of [erika, other]) {
      await grant(who, "marketing_email");
      await grant(who, "marketing_push");
      await db.topicSubscription.create({
        data: { userId: who.userId, topicKey: "offers", status: "ACTIVE", confirmedAt: new Date() },
      });
      await db.pushSubscription.create({
        data: {
          userId: who.userId,
          endpoint: `https://push.example.test/${who.userId}`,
          p256dh: "key",
          auth: "auth",
          allowsMarketing: true,
        },
      });
    }

    await withdraw(erika, "marketing_email");
    await withdraw(erika, "marketing_push");

    expect(await db.topicSubscription.findFirst({ where: { userId: erika.userId } })).toMatchObject({
      status: "UNSUBSCRIBED",
      unsubscribeSource: "CONSENT_WITHDRAWN",
    });
    expect(await db.pushSubscription.findFirst({ where: { userId: erika.userId } })).toMatchObject({
      allowsMarketing: false,
    });
    // Exactly one withdrawal record per purpose (the newsletter's end does not write a second).
    const withdrawals = await db.consentRecord.findMany({
      where: { userId: erika.userId, action: "WITHDRAWN" },
    });
    expect(withdrawals).toHaveLength(2);
    // The other customer is untouched.
    expect(await db.topicSubscription.findFirst({ where: { userId: other.userId } })).toMatchObject({
      status: "ACTIVE",
    });
    expect(await db.pushSubscription.findFirst({ where: { userId: other.userId } })).toMatchObject({
      allowsMarketing: true,
    });
  });
});

describe("publishing versions and re-consent", () => {
  it("a minor version carries grants over; a material one suspends them until answered", async () => {
    const key = await testPurpose();
    const admin = await customer();
    const [erika, jonas, never] = [await customer(), await customer(), await customer()];
    await grant(erika, key);
    await grant(jonas, key);
    const texts = { titleDe: "Testzweck", titleEn: "Test purpose", bodyEn: "We may test." };
    const publish = (basedOnVersion: number, bodyDe: string, isMaterial: "yes" | "no") =>
      publishConsentVersion(
        { ...customerActor(admin.userId, client), kind: "staff", role: "ADMIN" },
        { purposeKey: key, basedOnVersion, ...texts, bodyDe, isMaterial, changeNote: "Test" },
      );

    expect(await publish(1, "Wir dürfen testen.", "no")).toEqual({ ok: false, code: "UNCHANGED" });
    expect(await publish(1, "Wir dürfen Tests machen.", "no")).toEqual({ ok: true, version: 2 });
    expect(await publish(1, "Veraltet", "yes")).toEqual({ ok: false, code: "VERSION_CHANGED" });
    expect(await hasCurrentConsent({ userId: erika.userId, purposeKey: key }, { tx: db })).toBe(true);
    expect(await pendingReConsents(erika.userId, "de")).toEqual([]);

    expect(await publish(2, "Wir dürfen alles testen.", "yes")).toEqual({ ok: true, version: 3 });
    const v3 = await db.consentPurposeVersion.findFirstOrThrow({
      where: { purpose: { key }, version: 3 },
      include: { texts: true },
    });
    expect(v3).toMatchObject({ isMaterial: true, publishedById: admin.userId, changeNote: "Test" });
    expect(v3.publishedAt).not.toBeNull();
    expect(v3.texts.find((t) => t.locale === "de")?.textHash).toBe(
      consentTextHash("Testzweck", "Wir dürfen alles testen."),
    );
    const published = await db.auditEvent.findFirstOrThrow({
      where: { type: "consent.version_published", targetId: v3.id },
    });
    expect(published).toMatchObject({ actorId: admin.userId, actorRole: "ADMIN" });
    expect(published.metadata).toMatchObject({ purpose: key, version: 3, isMaterial: true });

    // The grant is suspended: not current, and the prompt asks about version 3.
    expect(await hasCurrentConsent({ userId: erika.userId, purposeKey: key }, { tx: db })).toBe(false);
    expect(await pendingReConsents(erika.userId, "de")).toEqual([
      { purposeKey: key, version: 3, title: "Testzweck", body: "Wir dürfen alles testen." },
    ]);
    expect(await pendingReConsents(never.userId, "de")).toEqual([]);

    const answer = (who: CustomerActor, action: "GRANTED" | "WITHDRAWN") =>
      changeConsent(who, { locale: "de", purposeKey: key, version: 3, action, source: "RECONSENT_PROMPT" });
    expect(await answer(erika, "WITHDRAWN")).toMatchObject({ ok: true, changed: true });
    expect(await answer(erika, "WITHDRAWN")).toMatchObject({ ok: true, changed: false });
    expect(await answer(jonas, "GRANTED")).toMatchObject({ ok: true, changed: true });
    // An answer from the prompt for someone who never granted records nothing.
    expect(await answer(never, "GRANTED")).toMatchObject({ ok: true, changed: false });

    expect(
      await db.consentRecord.findFirst({ where: { userId: erika.userId }, orderBy: { createdAt: "desc" } }),
    ).toMatchObject({ action: "WITHDRAWN", source: "RECONSENT_PROMPT", versionId: v3.id });
    expect(await hasCurrentConsent({ userId: erika.userId, purposeKey: key }, { tx: db })).toBe(false);
    expect(await hasCurrentConsent({ userId: jonas.userId, purposeKey: key }, { tx: db })).toBe(true);
    expect(await pendingReConsents(erika.userId, "de")).toEqual([]);
    expect(await pendingReConsents(jonas.userId, "de")).toEqual([]);
    expect(await db.consentRecord.count({ where: { userId: never.userId } })).toBe(0);
    for (const who of [erika, jonas]) {
      const projected = (await currentConsents(who.userId, { tx: db })).find((c) => c.purposeKey === key);
      expect(projected).toMatchObject(await derivedFromAllRecords(who.userId, key));
    }
  });
});
