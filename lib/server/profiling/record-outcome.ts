import "server-only";
/**
 * The customer's reply to a profiling question, each in one transaction with its audit event:
 * an answer is stored where the attribute lives (Profile columns or a ProfileAttributeValue row)
 * and logged as "profile.updated" (source PROFILING_PROMPT, values masked as the profile form does);
 * "Überspringen" and "Nicht jetzt" set the back-off and are logged as "profiling.skipped".
 */
import { db, type Tx } from "@/lib/db";
import { getEnv } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma-sqlite/client";
import { backOffUntil } from "@/lib/server/profiling/next-question";
import { profilingAttribute } from "@/lib/config/profiling";
import type { ProfilingAttributeKey } from "@/lib/schemas/profiling";
import type { ProfilingAnswer } from "@/lib/schemas/profiling-answer";
import { REDACTED_VALUE, type AuditMetadataValue } from "@/lib/server/audit/audit-metadata";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { hasCurrentConsent } from "@/lib/server/consent";
import { displayNameOf, maskPhone } from "@/lib/server/profile/profile";
import type { CustomerActor } from "@/lib/server/actor";

type ProfileFields = {
  firstName?: string;
  lastName?: string;
  nameNormalized?: string | null;
  dateOfBirth?: string;
  phoneE164?: string;
  phoneVerifiedAt?: null;
};

type Change = { before: AuditMetadataValue; after: AuditMetadataValue };

export type AnswerResult = { ok: true; changedFields: string[] } | { ok: false; code: "NO_CONSENT" };

/**
 * Stores the answer. Refused (nothing written) when the attribute's purpose has no current
 * consent: the card may be stale, the rule is checked again here.
 */
export async function answerProfilingQuestion(opts: {
  actor: CustomerActor;
  answer: ProfilingAnswer;
  now?: Date;
}): Promise<AnswerResult> {
  const { actor, answer } = opts;
  const now = opts.now ?? new Date();
  const attribute = profilingAttribute(answer.attributeKey);
  return db.$transaction(async (tx) => {
    if (
      attribute.purpose !== "contract" &&
      !(await hasCurrentConsent({ userId: actor.userId, purposeKey: attribute.purpose }, { tx }))
    )
      return { ok: false, code: "NO_CONSENT" } as const;
    const changes = await storeAnswer(tx, actor.userId, answer);
    await upsertPrompt(tx, actor.userId, answer.attributeKey, {
      lastOutcome: "ANSWERED",
      answeredAt: now,
      snoozedUntil: null,
      lastAskedAt: now,
    });
    const changedFields = Object.keys(changes);
    await writeAuditEvent(tx, {
      type: "profile.updated",
      actor,
      subject: actor.userId,
      target: {
        type: attribute.storage === "profile" ? "Profile" : "ProfileAttributeValue",
        id: actor.userId,
      },
      metadata: {
        source: "PROFILING_PROMPT",
        attributeKey: answer.attributeKey,
        purpose: attribute.purpose,
        changedFields,
        changes,
      },
    });
    return { ok: true, changedFields };
  });
}

/** Writes the value and returns before/after of what changed, masked for the audit log. */
async function storeAnswer(tx: Tx, userId: string, answer: ProfilingAnswer): Promise<Record<string, Change>> {
  const profile = await tx.profile.findUnique({
    where: { userId },
    select: { firstName: true, lastName: true, dateOfBirth: true, phoneE164: true },
  });
  const upsertProfile = (data: ProfileFields) =>
    tx.profile.upsert({ where: { userId }, create: { ...data, userId }, update: data });
  switch (answer.attributeKey) {
    case "name": {
      const { firstName, lastName } = answer.answer;
      const displayName = displayNameOf(firstName, lastName);
      await upsertProfile({ firstName, lastName, nameNormalized: displayName?.toLowerCase() ?? null });
      // The greeting and the header use User.displayName, as after the profile form.
      await tx.user.update({ where: { id: userId }, data: { displayName } });
      return changed({
        firstName: [profile?.firstName ?? null, firstName],
        lastName: [profile?.lastName ?? null, lastName],
      });
    }
    case "dateOfBirth": {
      await upsertProfile({ dateOfBirth: answer.answer.dateOfBirth });
      const before = profile?.dateOfBirth ?? null;
      return before === answer.answer.dateOfBirth
        ? {}
        : { dateOfBirth: { before: before ? REDACTED_VALUE : null, after: REDACTED_VALUE } };
    }
    case "phone": {
      const phoneE164 = answer.answer.phone;
      const before = profile?.phoneE164 ?? null;
      if (before === phoneE164) return {};
      // A new number has not been verified (as in the profile form).
      await upsertProfile({ phoneE164, phoneVerifiedAt: null });
      return { phoneE164: { before: maskPhone(before), after: maskPhone(phoneE164) } };
    }
    case "interests": {
      const key = answer.attributeKey;
      const stored = await tx.profileAttributeValue.findUnique({
        where: { userId_attributeKey: { userId, attributeKey: key } },
        select: { value: true },
      });
      const value = answer.answer.interests;
      await tx.profileAttributeValue.upsert({
        where: { userId_attributeKey: { userId, attributeKey: key } },
        create: { userId, attributeKey: key, value, source: "PROFILING_PROMPT" },
        update: { value, source: "PROFILING_PROMPT" },
      });
      const before = Array.isArray(stored?.value) ? stored.value.map(String) : null;
      return JSON.stringify(before) === JSON.stringify(value) ? {} : { interests: { before, after: value } };
    }
  }
}

function changed(pairs: Record<string, [string | null, string]>): Record<string, Change> {
  const changes: Record<string, Change> = {};
  for (const [field, [before, after]] of Object.entries(pairs))
    if (before !== after) changes[field] = { before, after };
  return changes;
}

async function upsertPrompt(
  tx: Tx,
  userId: string,
  attributeKey: ProfilingAttributeKey,
  data: Omit<Prisma.ProfilingPromptUncheckedCreateInput, "userId" | "attributeKey" | "timesAsked">,
  counters: { skip?: boolean } = {},
) {
  await tx.profilingPrompt.upsert({
    where: { userId_attributeKey: { userId, attributeKey } },
    create: { userId, attributeKey, ...data, timesAsked: 1, skipCount: counters.skip ? 1 : 0 },
    update: {
      ...data,
      timesAsked: { increment: 1 },
      ...(counters.skip ? { skipCount: { increment: 1 } } : {}),
    },
  });
}

/**
 * "Überspringen" (SKIP: PROFILING_SKIP_BACKOFF_DAYS) or "Nicht jetzt" (NOT_NOW: a week): the
 * question stays away until then. Any configured attribute may be dismissed.
 */
export async function dismissProfilingQuestion(opts: {
  actor: CustomerActor;
  attributeKey: ProfilingAttributeKey;
  choice: "SKIP" | "NOT_NOW";
  now?: Date;
  skipBackOffDays?: number;
}): Promise<{ snoozedUntil: Date }> {
  const { actor, attributeKey, choice } = opts;
  const now = opts.now ?? new Date();
  const snoozedUntil = backOffUntil(choice, now, opts.skipBackOffDays ?? getEnv().profilingSkipBackoffDays);
  const isSkip = choice === "SKIP";
  await db.$transaction(async (tx) => {
    await upsertPrompt(
      tx,
      actor.userId,
      attributeKey,
      {
        lastOutcome: isSkip ? "SKIPPED" : "SNOOZED",
        lastAskedAt: now,
        snoozedUntil,
        ...(isSkip ? { skippedAt: now } : {}),
      },
      { skip: isSkip },
    );
    await writeAuditEvent(tx, {
      type: "profiling.skipped",
      actor,
      subject: actor.userId,
      target: { type: "ProfilingPrompt", id: actor.userId },
      metadata: { attributeKey, choice, snoozedUntil: snoozedUntil.toISOString() },
    });
  });
  return { snoozedUntil };
}
