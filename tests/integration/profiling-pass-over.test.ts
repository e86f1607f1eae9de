/**
 * A question passed over (docs/decisions/0069), on SQLite and PostgreSQL: saving in the area whose
 * question is on offer backs that question off for the "Nicht jetzt" week without recording it as
 * the customer's choice; questions of other places, answered questions and other customers are
 * left alone.
 */
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { customerActor } from "@/lib/server/actor";
import { getProfilingQuestion } from "@/lib/server/profiling/profiling-question";
import { passOverAreaQuestion } from "@/lib/server/profiling/pass-over";
import { answerProfilingQuestion } from "@/lib/server/profiling/record-outcome";
import type { ClientInfo } from "@/lib/server/request/client-info";

const db = createPrismaClient();
const client: ClientInfo = {
  ip: "192.0.2.71",
  userAgent: "Firefox test",
  browser: "Firefox",
  os: "Linux",
  location: null,
};
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const userIds: string[] = [];
const DAY = 86_400_000;
const AREA = "/account/addresses" as const;

afterAll(async () => {
  await db.user.deleteMany({ where: { id: { in: userIds } } });
  await db.$disconnect();
});

async function customer(opts: { named: boolean }) {
  const email = `pass-over.${run}.${userIds.length}@example.com`;
  const user = await db.user.create({ data: { email, emailNormalized: email, signInCount: 1 } });
  userIds.push(user.id);
  if (opts.named)
    await db.profile.create({ data: { userId: user.id, firstName: "Erika", lastName: "Muster" } });
  return user.id;
}

const ask = (userId: string, place: "overview" | typeof AREA, now?: Date) =>
  getProfilingQuestion({ userId, place, locale: "de", now });

describe("passing over the address book's question", () => {
  it("backs the phone question off for a week, as 'not now' but not recorded as the customer's choice", async () => {
    const userId = await customer({ named: true });
    const bystander = await customer({ named: true });
    const now = new Date();
    expect((await ask(userId, AREA, now))?.attributeKey).toBe("phone");

    expect(await passOverAreaQuestion({ userId, area: AREA, now })).toBe("phone");
    expect(await ask(userId, AREA, now)).toBeNull();
    expect(await ask(userId, AREA, new Date(now.getTime() + 6 * DAY))).toBeNull();
    expect((await ask(userId, AREA, new Date(now.getTime() + 7 * DAY + 1000)))?.attributeKey).toBe("phone");

    const prompt = await db.profilingPrompt.findUniqueOrThrow({
      where: { userId_attributeKey: { userId, attributeKey: "phone" } },
    });
    expect(prompt).toMatchObject({ lastOutcome: null, answeredAt: null, skipCount: 0, timesAsked: 1 });
    expect(prompt.lastAskedAt?.getTime()).toBe(now.getTime());
    expect(prompt.snoozedUntil?.getTime()).toBe(now.getTime() + 7 * DAY);
    expect(await db.auditEvent.count({ where: { subjectUserId: userId, type: "profiling.skipped" } })).toBe(
      0,
    );

    // Nothing crosses to another customer.
    expect((await ask(bystander, AREA, now))?.attributeKey).toBe("phone");
    expect(await db.profilingPrompt.count({ where: { userId: bystander } })).toBe(0);
  });

  it("leaves the overview's questions and answered questions alone", async () => {
    const unnamed = await customer({ named: false });
    expect((await ask(unnamed, "overview"))?.attributeKey).toBe("name");
    expect(await passOverAreaQuestion({ userId: unnamed, area: AREA })).toBe("phone");
    expect((await ask(unnamed, "overview"))?.attributeKey).toBe("name");

    const answered = await customer({ named: true });
    const result = await answerProfilingQuestion({
      actor: customerActor(answered, client),
      answer: { attributeKey: "phone", answer: { phone: "+4915123456789" } },
    });
    expect(result.ok).toBe(true);
    const before = await db.profilingPrompt.findUniqueOrThrow({
      where: { userId_attributeKey: { userId: answered, attributeKey: "phone" } },
    });
    expect(await passOverAreaQuestion({ userId: answered, area: AREA })).toBeNull();
    const after = await db.profilingPrompt.findUniqueOrThrow({
      where: { userId_attributeKey: { userId: answered, attributeKey: "phone" } },
    });
    expect(after).toEqual(before);
  });
});
