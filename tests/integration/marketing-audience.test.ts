/**
 * The one audience query (lib/server/marketing/audience.ts, docs/decisions/0045) on SQLite and
 * PostgreSQL: only current grants, never a withdrawal, a suspended grant, a pending double opt-in or
 * an account in deletion; only the allowed fields (phone only for SMS); and the consents route.
 */
import { afterAll, describe, expect, it } from "vitest";
import { GET as consentsGET } from "@/app/api/v1/customers/[id]/consents/route";
import { createPrismaClient } from "@/lib/db/prisma-client";
import type { AudienceFilter } from "@/lib/schemas/audience";
import { audiencePage, type AudienceMember } from "@/lib/server/marketing/audience";
import { openAudience } from "@/lib/server/marketing/audience-export";
import { adminActor, apiKey, callApi, consentingCustomer, withdrawConsent } from "../support/marketing";

const db = createPrismaClient();
const testPurposes: string[] = [];
afterAll(async () => {
  // Other files count the seeded purposes (seed.test.ts): the test purpose goes with its records.
  const where = { purpose: { key: { in: testPurposes } } };
  await db.consentRecord.deleteMany({ where });
  await db.consentPurposeVersion.deleteMany({ where });
  await db.consentPurpose.deleteMany({ where: { key: { in: testPurposes } } });
  await db.$disconnect();
});

/** The whole export read (on PostgreSQL a server-side cursor in SQL of its own). */
async function exported(purposeKey: string, filter: AudienceFilter): Promise<AudienceMember[]> {
  const opened = await openAudience({ purposeKey, filter }, { tx: db });
  if (!opened.ok) throw new Error(opened.code);
  const all: AudienceMember[] = [];
  while ((await opened.batches.next((member) => all.push(member))) > 0);
  return all;
}

/**
 * The audience by keyset pages (console and API), checked against the export's read: every rule
 * below holds for both, or the test fails (one rule set, audience.ts and audience-export.ts).
 */
async function everyone(purposeKey: string, filter: AudienceFilter = {}): Promise<AudienceMember[]> {
  const all: AudienceMember[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await audiencePage({ purposeKey, filter, cursor, limit: 500 }, { tx: db });
    if (!page.ok) throw new Error(page.code);
    all.push(...page.members);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  expect(await exported(purposeKey, filter)).toEqual(all);
  return all;
}
const ids = (members: AudienceMember[]) => members.map((m) => m.id);

describe("the audience of a purpose", () => {
  it("holds a current grant and loses it on the next read after a withdrawal", async () => {
    const member = await consentingCustomer(db, { purpose: "birthday_offers" });
    expect(ids(await everyone("birthday_offers"))).toContain(member.id);
    await withdrawConsent(db, member.id, "birthday_offers");
    expect(ids(await everyone("birthday_offers"))).not.toContain(member.id);
  });

  it("never holds an account in deletion or a locked account", async () => {
    const leaving = await consentingCustomer(db, { purpose: "birthday_offers" });
    const locked = await consentingCustomer(db, { purpose: "birthday_offers" });
    await db.user.update({
      where: { id: leaving.id },
      data: { status: "PENDING_DELETION", deletionRequestedAt: new Date() },
    });
    await db.user.update({ where: { id: locked.id }, data: { status: "LOCKED", lockedAt: new Date() } });
    const found = ids(await everyone("birthday_offers"));
    expect(found).not.toContain(leaving.id);
    expect(found).not.toContain(locked.id);
  });

  it("for the email newsletter, holds only confirmed double opt-ins, filtered by topic", async () => {
    const confirmed = await consentingCustomer(db, { purpose: "marketing_email", topics: ["offers"] });
    const pending = await consentingCustomer(db, { purpose: "marketing_email", pendingTopics: ["offers"] });
    const travel = await consentingCustomer(db, { purpose: "marketing_email", topics: ["travel_tips"] });
    const all = ids(await everyone("marketing_email"));
    expect(all).toContain(confirmed.id);
    expect(all).toContain(travel.id);
    expect(all).not.toContain(pending.id);
    const offers = ids(await everyone("marketing_email", { topics: ["offers"] }));
    expect(offers).toContain(confirmed.id);
    expect(offers).not.toContain(travel.id);
  });

  it("answers email, first name, language and topics only; the phone number only for SMS", async () => {
    const member = await consentingCustomer(db, {
      purpose: "birthday_offers",
      topics: ["offers"],
      phone: "+4915112345678",
      sms: true,
    });
    const plain = (await everyone("birthday_offers")).find((m) => m.id === member.id);
    expect(plain).toEqual({
      id: member.id,
      email: member.email,
      firstName: "Erika",
      language: "de",
      topics: ["offers"],
    });
    const sms = (await everyone("birthday_offers", { channel: "SMS" })).find((m) => m.id === member.id);
    expect(sms).toEqual({ ...plain, phone: "+4915112345678" });
    expect(JSON.stringify(sms)).not.toMatch(/Hauptstraße|Mustermann|10115/);
    const noSms = await consentingCustomer(db, { purpose: "birthday_offers", phone: "+4915100000000" });
    expect(ids(await everyone("birthday_offers", { channel: "SMS" }))).not.toContain(noSms.id);
  });

  it("reads the same members for every channel, language and topic filter in the export", async () => {
    const push = await consentingCustomer(db, {
      purpose: "marketing_email",
      topics: ["offers"],
      locale: "en",
    });
    await db.communicationPreference.upsert({
      where: { userId: push.id },
      create: { userId: push.id, pushEnabled: true },
      update: { pushEnabled: true },
    });
    await db.pushSubscription.create({
      data: { userId: push.id, endpoint: `https://push.example/${push.id}`, p256dh: "k", auth: "a" },
    });
    const filters: AudienceFilter[] = [
      { channel: "EMAIL" },
      { channel: "PUSH" },
      { channel: "SMS" },
      { language: "en" },
      { topics: ["offers", "travel_tips"], language: "de" },
    ];
    for (const purpose of ["marketing_email", "birthday_offers"])
      for (const filter of filters) await everyone(purpose, filter);
    expect(ids(await everyone("marketing_email", { channel: "PUSH" }))).toContain(push.id);
  });

  it("drops a grant once a newer material version is published, and keeps it over a minor one", async () => {
    const key = `audience_test_${Date.now().toString(36)}`;
    testPurposes.push(key);
    const purpose = await db.consentPurpose.create({ data: { key, legalBasis: "CONSENT" } });
    const text = { locale: "de", title: "T", body: "B", textHash: "h" };
    await db.consentPurposeVersion.create({
      data: { purposeId: purpose.id, version: 1, publishedAt: new Date(), texts: { create: text } },
    });
    const member = await consentingCustomer(db, { purpose: key });
    await db.consentPurposeVersion.create({
      data: {
        purposeId: purpose.id,
        version: 2,
        isMaterial: false,
        publishedAt: new Date(),
        texts: { create: text },
      },
    });
    expect(ids(await everyone(key))).toContain(member.id);
    await db.consentPurposeVersion.create({
      data: { purposeId: purpose.id, version: 3, publishedAt: new Date(), texts: { create: text } },
    });
    expect(ids(await everyone(key))).not.toContain(member.id);
  });
});

describe("GET /api/v1/customers/{id}/consents", () => {
  it("answers the customer's current consents to a key with consents:read", async () => {
    const member = await consentingCustomer(db, { purpose: "birthday_offers" });
    const { key } = await apiKey(db, ["consents:read"]);
    const answer = await callApi(
      consentsGET,
      `/api/v1/customers/${member.id}/consents`,
      { id: member.id },
      key,
    );
    expect(answer.status).toBe(200);
    const data = answer.body.data as { purpose: string; status: string; isCurrent: boolean }[];
    expect(data.find((c) => c.purpose === "birthday_offers")).toMatchObject({
      status: "GRANTED",
      isCurrent: true,
    });
    expect(data.find((c) => c.purpose === "marketing_push")).toMatchObject({
      status: "NONE",
      isCurrent: false,
    });
    await withdrawConsent(db, member.id, "birthday_offers");
    const after = await callApi(
      consentsGET,
      `/api/v1/customers/${member.id}/consents`,
      { id: member.id },
      key,
    );
    expect(
      (after.body.data as { purpose: string; status: string }[]).find((c) => c.purpose === "birthday_offers"),
    ).toMatchObject({ status: "WITHDRAWN" });
  });

  it("[ATTACKER] an unknown id, a staff id or an audiences-only key learns nothing", async () => {
    const { key } = await apiKey(db, ["consents:read"]);
    const staff = await adminActor(db);
    for (const id of ["doesnotexist123", staff.userId, "../../admin"]) {
      const answer = await callApi(consentsGET, `/api/v1/customers/${id}/consents`, { id }, key);
      expect(answer.status).toBe(404);
      expect(answer.body).toMatchObject({ code: "NOT_FOUND" });
    }
    const member = await consentingCustomer(db, { purpose: "birthday_offers" });
    const { key: audienceKey } = await apiKey(db, ["audiences:read"]);
    const refused = await callApi(
      consentsGET,
      `/api/v1/customers/${member.id}/consents`,
      { id: member.id },
      audienceKey,
    );
    expect(refused.status).toBe(403);
    expect(refused.body.data).toBeUndefined();
  });
});
