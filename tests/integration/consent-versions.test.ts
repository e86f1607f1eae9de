/**
 * Consent texts in versions, through the real domain functions on SQLite and PostgreSQL: an admin's
 * material version suspends grants until the re-consent answer is recorded; a minor one carries
 * them over.
 */
import { afterAll, describe, expect, it } from "vitest";
import { changeConsent } from "@/lib/server/consent/consent-centre";
import { pendingReConsents } from "@/lib/server/consent/consent-overview";
import { publishConsentVersion } from "@/lib/server/consent/consent-versions";
import { currentConsents, hasCurrentConsent } from "@/lib/server/consent/current-consent";
import { consentTextHash } from "@/lib/server/consent/text-hash";
import { customerActor, type CustomerActor } from "@/lib/server/actor";
import { installQueryCounter, queryCounts } from "../../scripts/bench/query-counter";
import {
  db,
  client,
  removeTestData,
  customer,
  grant,
  withdraw,
  derivedFromAllRecords,
  testPurpose,
} from "../support/consent-centre";

afterAll(removeTestData);

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

  it("reads a customer's consents in three statements, however many purposes and records (issue 16)", async () => {
    installQueryCounter();
    const key = await testPurpose();
    const erika = await customer();
    await grant(erika, key);
    await withdraw(erika, key);
    const earlier = await db.consentRecord.findMany({
      where: { userId: erika.userId },
      select: { id: true },
    });
    await grant(erika, key);
    const [latest] = await db.consentRecord.findMany({
      where: { userId: erika.userId, id: { notIn: earlier.map((r) => r.id) } },
    });
    const statements = async () => {
      const before = queryCounts().statements;
      const consents = await currentConsents(erika.userId, { tx: db });
      return { consents, statements: queryCounts().statements - before };
    };
    await statements(); // the connection's first statements (its PRAGMAs) are not the reader's
    const { consents, statements: count } = await statements();
    // The purposes with their versions (two), the customer's states (one): not a record or version per state.
    expect(count).toBe(3);
    expect(consents.find((c) => c.purposeKey === key)).toMatchObject({
      ...(await derivedFromAllRecords(erika.userId, key)),
      status: "GRANTED",
      recordVersion: 1,
      lastRecordId: latest!.id,
    });
  });
});
