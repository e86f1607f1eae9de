import "server-only";
/**
 * A question offered on an area's page that the customer passed over (docs/decisions/0069): they
 * did what they came for there (saved an address) instead of answering or dismissing it. That
 * counts as "Nicht jetzt", which the card explains before any click, so the question does not
 * come back on the page the save returns to, nor after every further save. Not audited: it is the
 * portal's bookkeeping of when to ask, not a choice the customer made (their explicit "Nicht
 * jetzt" is audited as profiling.skipped).
 */
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import type { ProfilingArea } from "@/lib/config/profiling";
import { backOffUntil, selectNextQuestion } from "@/lib/server/profiling/next-question";
import { loadProfilingSituation } from "@/lib/server/profiling/profiling-question";

/** Backs off the area's question that is on offer now, if any; returns its key. */
export async function passOverAreaQuestion(opts: {
  userId: string;
  area: ProfilingArea;
  now?: Date;
}): Promise<string | null> {
  const now = opts.now ?? new Date();
  const attribute = selectNextQuestion(
    await loadProfilingSituation({ userId: opts.userId, place: opts.area, now }),
  );
  if (!attribute || attribute.trigger.kind !== "area") return null;
  const snoozedUntil = backOffUntil("NOT_NOW", now, getEnv().profilingSkipBackoffDays);
  // lastOutcome stays as it was: passing over is not the customer's "Nicht jetzt".
  await db.profilingPrompt.upsert({
    where: { userId_attributeKey: { userId: opts.userId, attributeKey: attribute.key } },
    create: {
      userId: opts.userId,
      attributeKey: attribute.key,
      timesAsked: 1,
      lastAskedAt: now,
      snoozedUntil,
    },
    update: { timesAsked: { increment: 1 }, lastAskedAt: now, snoozedUntil },
  });
  return attribute.key;
}
