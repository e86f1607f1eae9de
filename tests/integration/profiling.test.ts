/**
 * Progressive profiling through the real domain functions, on SQLite and PostgreSQL: the question
 * follows priority, triggers and consent (evaluated per call, so a withdrawal removes it at once);
 * an answer is stored where the attribute lives and audited as profile.updated in the same
 * transaction; skip and "not now" set their back-offs and are audited; an answer whose consent is
 * missing is refused with nothing written; nothing crosses from one customer to another.
 */
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { changeConsent } from "@/lib/server/consent/consent-centre";
import { getProfileCompleteness } from "@/lib/server/profile/overview";
import { getProfilingQuestion } from "@/lib/server/profiling/profiling-question";
import { answerProfilingQuestion, dismissProfilingQuestion } from "@/lib/server/profiling/record-outcome";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { customerActor } from "@/lib/server/actor";
import { installQueryCounter, queryCounts } from "../../scripts/bench/query-counter";

const db = createPrismaClient();
const client: ClientInfo = {
  ip: "192.0.2.70",
  userAgent: "Firefox test",
  browser: "Firefox",
  os: "Linux",
  location: null,
};
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const userIds: string[] = [];
const DAY = 86_400_000;

afterAll(async () => {
  await db.user.deleteMany({ where: { id: { in: userIds } } });
  await db.$disconnect();
});

async function customer(signInCount = 1) {
  const email = `profiling.${run}.${userIds.length}@example.com`;
  const user = await db.user.create({ data: { email, emailNormalized: email, signInCount } });
  userIds.push(user.id);
  return customerActor(user.id, client);
}

async function consent(userId: string, purposeKey: string, action: "GRANTED" | "WITHDRAWN") {
  const version = await db.consentPurposeVersion.findFirstOrThrow({
    where: { purpose: { key: purposeKey }, publishedAt: { not: null } },
    orderBy: { version: "desc" },
  });
  const who = customerActor(userId, client);
  const result = await changeConsent(who, {
    locale: "de",
    purposeKey,
    version: version.version,
    action,
    source: "CONSENT_CENTRE",
  });
  expect(result.ok).toBe(true);
}

const ask = (userId: string, place: "overview" | "/account/addresses" = "overview", now?: Date) =>
  getProfilingQuestion({ userId, place, locale: "de", now });

const eventsOf = (userId: string, type: string) =>
  db.auditEvent.findMany({ where: { subjectUserId: userId, type }, orderBy: { sequence: "asc" } });

describe("progressive profiling", () => {
  it("asks one question at a time by priority and stores the answer with its audit event", async () => {
    const actor = await customer();
    await consent(actor.userId, "birthday_offers", "GRANTED");

    expect(await ask(actor.userId)).toEqual({
      attributeKey: "name",
      purpose: "contract",
      consentTitle: null,
    });
    expect((await getProfileCompleteness(actor.userId)).percent).toBe(0);

    const answered = await answerProfilingQuestion({
      actor,
      answer: { attributeKey: "name", answer: { firstName: "Erika", lastName: "Mustermann" } },
    });
    expect(answered).toEqual({ ok: true, changedFields: ["firstName", "lastName"] });
    const user = await db.user.findUniqueOrThrow({ where: { id: actor.userId }, include: { profile: true } });
    expect(user.displayName).toBe("Erika Mustermann");
    expect(user.profile).toMatchObject({
      firstName: "Erika",
      lastName: "Mustermann",
      nameNormalized: "erika mustermann",
    });
    const prompt = await db.profilingPrompt.findUniqueOrThrow({
      where: { userId_attributeKey: { userId: actor.userId, attributeKey: "name" } },
    });
    expect(prompt).toMatchObject({ lastOutcome: "ANSWERED", timesAsked: 1, snoozedUntil: null });
    expect(prompt.answeredAt).toBeInstanceOf(Date);
    const [event] = await eventsOf(actor.userId, "profile.updated");
    expect(event?.actorId).toBe(actor.userId);
    expect(event?.metadata).toMatchObject({
      source: "PROFILING_PROMPT",
      attributeKey: "name",
      changes: {
        firstName: { before: null, after: "Erika" },
        lastName: { before: null, after: "Mustermann" },
      },
    });
    expect((await getProfileCompleteness(actor.userId)).percent).toBe(25);

    // Next: the birthday, stated with the consent purpose's title.
    expect(await ask(actor.userId)).toEqual({
      attributeKey: "dateOfBirth",
      purpose: "birthday_offers",
      consentTitle: "Geburtstagsangebote",
    });
    await answerProfilingQuestion({
      actor,
      answer: { attributeKey: "dateOfBirth", answer: { dateOfBirth: "1990-05-17" } },
    });
    expect((await db.profile.findUniqueOrThrow({ where: { userId: actor.userId } })).dateOfBirth).toBe(
      "1990-05-17",
    );
    const [, dobEvent] = await eventsOf(actor.userId, "profile.updated");
    // The date itself never reaches the audit log.
    expect(JSON.stringify(dobEvent?.metadata)).not.toContain("1990");
    expect((await getProfileCompleteness(actor.userId)).percent).toBe(50);
    expect(await ask(actor.userId)).toBeNull();

    // The phone is asked where deliveries are arranged; the new number is unverified and masked in the log.
    expect((await ask(actor.userId, "/account/addresses"))?.attributeKey).toBe("phone");
    await answerProfilingQuestion({
      actor,
      answer: { attributeKey: "phone", answer: { phone: "+4915123456789" } },
    });
    const [, , phoneEvent] = await eventsOf(actor.userId, "profile.updated");
    expect(phoneEvent?.metadata).toMatchObject({
      changes: { phoneE164: { before: null, after: "+49 •••• 89" } },
    });
    expect(await ask(actor.userId, "/account/addresses")).toBeNull();
    expect((await getProfileCompleteness(actor.userId)).percent).toBe(75);
  });

  it("skip waits the configured 30 days, 'not now' a week; both are audited", async () => {
    const actor = await customer();
    const now = new Date();
    const { snoozedUntil } = await dismissProfilingQuestion({
      actor,
      attributeKey: "name",
      choice: "SKIP",
      now,
    });
    expect(snoozedUntil.getTime() - now.getTime()).toBe(30 * DAY);
    expect(await ask(actor.userId)).toBeNull();
    expect(await ask(actor.userId, "overview", new Date(now.getTime() + 29 * DAY))).toBeNull();
    expect((await ask(actor.userId, "overview", new Date(now.getTime() + 30 * DAY)))?.attributeKey).toBe(
      "name",
    );

    const later = new Date(now.getTime() + 31 * DAY);
    const notNow = await dismissProfilingQuestion({
      actor,
      attributeKey: "name",
      choice: "NOT_NOW",
      now: later,
    });
    expect(notNow.snoozedUntil.getTime() - later.getTime()).toBe(7 * DAY);
    const prompt = await db.profilingPrompt.findUniqueOrThrow({
      where: { userId_attributeKey: { userId: actor.userId, attributeKey: "name" } },
    });
    expect(prompt).toMatchObject({ lastOutcome: "SNOOZED", timesAsked: 2, skipCount: 1, answeredAt: null });
    expect(prompt.skippedAt?.getTime()).toBe(now.getTime());
    const events = await eventsOf(actor.userId, "profiling.skipped");
    expect(events.map((e) => e.metadata)).toEqual([
      { attributeKey: "name", choice: "SKIP", snoozedUntil: snoozedUntil.toISOString() },
      { attributeKey: "name", choice: "NOT_NOW", snoozedUntil: notNow.snoozedUntil.toISOString() },
    ]);
  });

  it("never asks for or stores the birthday without current birthday-offer consent", async () => {
    const actor = await customer();
    await answerProfilingQuestion({
      actor,
      answer: { attributeKey: "name", answer: { firstName: "Jan", lastName: "Berg" } },
    });
    expect(await ask(actor.userId)).toBeNull();

    await consent(actor.userId, "birthday_offers", "GRANTED");
    expect((await ask(actor.userId))?.attributeKey).toBe("dateOfBirth");
    await consent(actor.userId, "birthday_offers", "WITHDRAWN");
    expect(await ask(actor.userId)).toBeNull();

    // A stale card cannot store it either: refused, nothing written, no event.
    const before = await db.auditEvent.count({
      where: { subjectUserId: actor.userId, type: "profile.updated" },
    });
    const result = await answerProfilingQuestion({
      actor,
      answer: { attributeKey: "dateOfBirth", answer: { dateOfBirth: "1985-03-01" } },
    });
    expect(result).toEqual({ ok: false, code: "NO_CONSENT" });
    expect((await db.profile.findUniqueOrThrow({ where: { userId: actor.userId } })).dateOfBirth).toBeNull();
    expect(
      await db.auditEvent.count({ where: { subjectUserId: actor.userId, type: "profile.updated" } }),
    ).toBe(before);
    expect(
      await db.profilingPrompt.count({ where: { userId: actor.userId, attributeKey: "dateOfBirth" } }),
    ).toBe(0);
  });

  it("keeps free attributes in ProfileAttributeValue, per customer", async () => {
    const alice = await customer();
    const bob = await customer();
    await answerProfilingQuestion({
      actor: alice,
      answer: { attributeKey: "name", answer: { firstName: "Alice", lastName: "A" } },
    });
    await answerProfilingQuestion({
      actor: bob,
      answer: { attributeKey: "name", answer: { firstName: "Bob", lastName: "B" } },
    });
    await consent(alice.userId, "personalisation", "GRANTED");
    expect((await ask(alice.userId))?.attributeKey).toBe("interests");
    expect(await ask(bob.userId)).toBeNull();

    await answerProfilingQuestion({
      actor: alice,
      answer: { attributeKey: "interests", answer: { interests: ["sport", "travel"] } },
    });
    const stored = await db.profileAttributeValue.findMany({
      where: { attributeKey: "interests", userId: { in: [alice.userId, bob.userId] } },
    });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      userId: alice.userId,
      value: ["sport", "travel"],
      source: "PROFILING_PROMPT",
    });
    expect(await ask(alice.userId)).toBeNull();
    const bobProfile = await db.profile.findUniqueOrThrow({ where: { userId: bob.userId } });
    expect(bobProfile.firstName).toBe("Bob");

    // An answer's audit names the free attribute's table.
    const events = await eventsOf(alice.userId, "profile.updated");
    expect(events.at(-1)).toMatchObject({ targetType: "ProfileAttributeValue" });
  });

  it("asks nothing before the first sign-in", async () => {
    const actor = await customer(0);
    expect(await ask(actor.userId)).toBeNull();
  });

  it("takes the sign-in count the page has from the session instead of reading it again (issue 16)", async () => {
    installQueryCounter();
    const actor = await customer(3);
    const statementsOf = async (signInCount?: number) => {
      const before = queryCounts().statements;
      const question = await getProfilingQuestion({
        userId: actor.userId,
        place: "overview",
        locale: "de",
        signInCount,
      });
      return { question, statements: queryCounts().statements - before };
    };
    await statementsOf(); // the connection's first statements (its PRAGMAs) are not the question's
    const read = await statementsOf();
    const passed = await statementsOf(3);
    expect(read.question).not.toBeNull();
    expect(passed.question).toEqual(read.question);
    // The account row's sign-in count is the one statement left out.
    expect(passed.statements).toBe(read.statements - 1);
    // The count passed is the one that decides: none yet means nothing is asked.
    expect(
      await getProfilingQuestion({ userId: actor.userId, place: "overview", locale: "de", signInCount: 0 }),
    ).toBeNull();
  });

  it("outside a render reads the profile each time: a change is seen at once", async () => {
    const actor = await customer(1);
    expect((await getProfileCompleteness(actor.userId)).items).toContainEqual({
      item: "name",
      isDone: false,
    });
    await db.profile.create({ data: { userId: actor.userId, firstName: "Ada", lastName: "Lovelace" } });
    expect((await getProfileCompleteness(actor.userId)).items).toContainEqual({ item: "name", isDone: true });
  });
});
