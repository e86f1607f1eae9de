/**
 * Which question, if any, to ask now: pure, so the rules are a table in the unit tests.
 * An attribute is asked only when none of these holds, and of the rest the lowest priority wins:
 * - it is filled (from a question or the profile form) or its question was answered before;
 * - the customer skipped it or said "not now" and the back-off has not passed;
 * - its purpose is a consent purpose without current consent (evaluated per request, so a
 *   withdrawal removes the question at once);
 * - its trigger is not met here: sign-in count, consent, or the page ("place") it belongs to.
 */
import type { ProfileFacts, ProfilingArea, ProfilingAttribute } from "@/lib/config/profiling";
import { NOT_NOW_BACKOFF_DAYS, PROFILING_ATTRIBUTES } from "@/lib/config/profiling";

/** The overview (after sign-in) or an account area that can trigger questions. */
export type ProfilingPlace = "overview" | ProfilingArea;

export type PromptFacts = { answeredAt: Date | null; snoozedUntil: Date | null };

export type ProfilingSituation = {
  now: Date;
  place: ProfilingPlace;
  signInCount: number;
  /** Purpose keys with current consent. */
  consentedPurposes: ReadonlySet<string>;
  facts: ProfileFacts;
  /** ProfilingPrompt rows by attribute key. */
  prompts: Readonly<Record<string, PromptFacts | undefined>>;
};

export type NotAskedReason = "filled" | "answered" | "backOff" | "noConsent" | "trigger" | "otherPlace";

/** Why the attribute is not asked now, or null if it may be. */
export function whyNotAsked(attribute: ProfilingAttribute, s: ProfilingSituation): NotAskedReason | null {
  const prompt = s.prompts[attribute.key];
  if (attribute.isFilled(s.facts)) return "filled";
  if (prompt?.answeredAt) return "answered";
  if (prompt?.snoozedUntil && prompt.snoozedUntil > s.now) return "backOff";
  if (attribute.purpose !== "contract" && !s.consentedPurposes.has(attribute.purpose)) return "noConsent";
  const trigger = attribute.trigger;
  switch (trigger.kind) {
    case "area":
      return s.place === trigger.area ? null : "otherPlace";
    case "signIns":
      if (s.place !== "overview") return "otherPlace";
      return s.signInCount >= trigger.atLeast ? null : "trigger";
    case "consent":
      if (s.place !== "overview") return "otherPlace";
      return s.consentedPurposes.has(trigger.purpose) ? null : "trigger";
  }
}

/** The one question to ask now (lowest priority number first), or null. */
export function selectNextQuestion(
  s: ProfilingSituation,
  attributes: readonly ProfilingAttribute[] = PROFILING_ATTRIBUTES,
): ProfilingAttribute | null {
  const candidates = attributes.filter((a) => whyNotAsked(a, s) === null);
  candidates.sort((a, b) => a.priority - b.priority);
  return candidates[0] ?? null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** How many days a dismissed question stays away: skip the configured days, "not now" a week. */
export function backOffDays(choice: "SKIP" | "NOT_NOW", skipBackOffDays: number): number {
  return choice === "SKIP" ? skipBackOffDays : Math.min(NOT_NOW_BACKOFF_DAYS, skipBackOffDays);
}

/** Until when a dismissed question stays away. */
export function backOffUntil(choice: "SKIP" | "NOT_NOW", now: Date, skipBackOffDays: number): Date {
  return new Date(now.getTime() + backOffDays(choice, skipBackOffDays) * DAY_MS);
}
