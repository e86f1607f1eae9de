/**
 * The consent centre through the real domain functions, on SQLite and PostgreSQL: grant and
 * withdraw append records (never update them) and keep the ConsentState projection equal to the
 * state derived from all records; withdrawal takes effect everywhere in the same transaction
 * (newsletter topics, push offers); contract purposes are read-only. Publishing versions is in
 * consent-versions.test.ts.
 */
import { afterAll, describe, expect, it } from "vitest";
import { changeConsent } from "@/lib/server/consent/consent-centre";
import { getConsentOverview } from "@/lib/server/consent/consent-overview";
import { currentConsents, hasCurrentConsent } from "@/lib/server/consent/current-consent";
import {
  db,
  removeTestData,
  customer,
  grant,
  withdraw,
  derivedFromAllRecords,
} from "../support/consent-centre";

afterAll(removeTestData);

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
