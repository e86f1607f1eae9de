/**
 * Progressive profiling's selection as a table: which single question (if any) is asked for a
 * given situation, and why each attribute is or is not asked.
 */
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";
import {
  backOffDays,
  backOffUntil,
  selectNextQuestion,
  whyNotAsked,
  type NotAskedReason,
  type ProfilingSituation,
} from "@/lib/server/profiling/next-question";
import { PROFILING_ATTRIBUTES, profilingAttribute, type ProfileFacts } from "@/lib/config/profiling";
import type { ProfilingAttributeKey } from "@/lib/schemas/profiling";

const NOW = new Date("2026-06-15T10:00:00Z");
const DAY = 86_400_000;
const EMPTY: ProfileFacts = {
  firstName: null,
  lastName: null,
  dateOfBirth: null,
  phoneE164: null,
  attributes: {},
};
const NAMED: ProfileFacts = { ...EMPTY, firstName: "Erika", lastName: "Mustermann" };

function situation(overrides: Partial<ProfilingSituation> = {}): ProfilingSituation {
  return {
    now: NOW,
    place: "overview",
    signInCount: 1,
    consentedPurposes: new Set(),
    facts: EMPTY,
    prompts: {},
    ...overrides,
  };
}
const consents = (...keys: string[]) => new Set(keys);
const snoozed = (ms: number) => ({ answeredAt: null, snoozedUntil: new Date(NOW.getTime() + ms) });

describe("selectNextQuestion: at most one question, by priority", () => {
  it.each<[string, Partial<ProfilingSituation>, ProfilingAttributeKey | null]>([
    ["a new customer after the first sign-in is asked for the name", {}, "name"],
    ["before any sign-in nothing is asked", { signInCount: 0 }, null],
    [
      "the name wins over the birthday by priority",
      { consentedPurposes: consents("birthday_offers") },
      "name",
    ],
    [
      "with the name known, the consented birthday comes next",
      { facts: NAMED, consentedPurposes: consents("birthday_offers") },
      "dateOfBirth",
    ],
    ["no birthday question without birthday-offer consent", { facts: NAMED }, null],
    [
      "other consents do not open the birthday question",
      { facts: NAMED, consentedPurposes: consents("marketing_email", "analytics") },
      null,
    ],
    [
      "personalisation consent opens the interests question",
      { facts: NAMED, consentedPurposes: consents("personalisation") },
      "interests",
    ],
    [
      "birthday (2) before interests (4)",
      { facts: NAMED, consentedPurposes: consents("personalisation", "birthday_offers") },
      "dateOfBirth",
    ],
    ["the phone is asked on the addresses page only", { facts: NAMED, place: "/account/addresses" }, "phone"],
    [
      "the addresses page asks nothing but the phone",
      { place: "/account/addresses", consentedPurposes: consents("birthday_offers") },
      "phone",
    ],
    ["the overview never asks for the phone", { facts: NAMED, signInCount: 9 }, null],
    ["a skipped name within the back-off is not asked", { prompts: { name: snoozed(DAY) } }, null],
    ["a skipped name comes back when the back-off has passed", { prompts: { name: snoozed(-1) } }, "name"],
    ["the back-off ends exactly at snoozedUntil", { prompts: { name: snoozed(0) } }, "name"],
    [
      "a skipped name lets the next question through",
      { prompts: { name: snoozed(DAY) }, consentedPurposes: consents("birthday_offers") },
      "dateOfBirth",
    ],
    [
      "an answered question is not asked again even if the value was cleared later",
      { prompts: { name: { answeredAt: NOW, snoozedUntil: null } } },
      null,
    ],
    [
      "interests already stored are not asked",
      {
        facts: { ...NAMED, attributes: { interests: ["sport"] } },
        consentedPurposes: consents("personalisation"),
      },
      null,
    ],
    [
      "an empty interests list counts as not given",
      { facts: { ...NAMED, attributes: { interests: [] } }, consentedPurposes: consents("personalisation") },
      "interests",
    ],
    [
      "a half-given name (first name only) is still asked",
      { facts: { ...EMPTY, firstName: "Erika" } },
      "name",
    ],
    [
      "everything filled: nothing to ask",
      {
        facts: {
          ...NAMED,
          dateOfBirth: "1990-01-01",
          phoneE164: "+4915123456789",
          attributes: { interests: ["home"] },
        },
        consentedPurposes: consents("personalisation", "birthday_offers"),
      },
      null,
    ],
  ])("%s", (_, overrides, expected) => {
    expect(selectNextQuestion(situation(overrides))?.key ?? null).toBe(expected);
  });
});

describe("whyNotAsked", () => {
  it.each<[ProfilingAttributeKey, Partial<ProfilingSituation>, NotAskedReason | null]>([
    ["name", { facts: NAMED }, "filled"],
    ["name", { prompts: { name: { answeredAt: NOW, snoozedUntil: null } } }, "answered"],
    ["name", { prompts: { name: snoozed(30 * DAY) } }, "backOff"],
    ["name", { signInCount: 0 }, "trigger"],
    ["name", { place: "/account/addresses" }, "otherPlace"],
    ["dateOfBirth", {}, "noConsent"],
    ["dateOfBirth", { consentedPurposes: consents("birthday_offers") }, null],
    [
      "dateOfBirth",
      { consentedPurposes: consents("birthday_offers"), place: "/account/addresses" },
      "otherPlace",
    ],
    ["phone", {}, "otherPlace"],
    ["phone", { place: "/account/addresses" }, null],
    ["phone", { place: "/account/addresses", prompts: { phone: snoozed(DAY) } }, "backOff"],
    ["interests", { consentedPurposes: consents("personalisation") }, null],
    ["interests", { consentedPurposes: consents("birthday_offers") }, "noConsent"],
  ])("%s in %j: %s", (key, overrides, reason) => {
    expect(whyNotAsked(profilingAttribute(key), situation(overrides))).toBe(reason);
  });
});

describe("back-off", () => {
  it.each([
    ["SKIP", 30, 30],
    ["SKIP", 90, 90],
    ["NOT_NOW", 30, 7],
    ["NOT_NOW", 3, 3],
  ] as const)("%s with a skip back-off of %i days waits %i days", (choice, skipDays, days) => {
    expect(backOffDays(choice, skipDays)).toBe(days);
    expect(backOffUntil(choice, NOW, skipDays).getTime() - NOW.getTime()).toBe(days * DAY);
  });
});

describe("the profile schema", () => {
  it("has one entry per attribute, distinct priorities, and a purpose stated for each", () => {
    const keys = PROFILING_ATTRIBUTES.map((a) => a.key);
    expect(new Set(keys).size).toBe(keys.length);
    const priorities = PROFILING_ATTRIBUTES.map((a) => a.priority);
    expect(new Set(priorities).size).toBe(priorities.length);
    for (const attribute of PROFILING_ATTRIBUTES) {
      expect(attribute.purpose).toMatch(/^(contract|[a-z_]+)$/);
      if (attribute.trigger.kind === "consent") expect(attribute.trigger.purpose).toBe(attribute.purpose);
    }
  });
});

describe("PROFILING_SKIP_BACKOFF_DAYS", () => {
  const SECRETS = {
    AUTH_SECRET: "q8Yt3vN1xK0pLm2Rz7Wc5Hs9Ud4Fe6Gj",
    DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
  };
  it.each([
    [undefined, 30],
    ["1", 1],
    ["90", 90],
  ])("%s → %i days", (value, days) => {
    expect(parseEnv({ ...SECRETS, PROFILING_SKIP_BACKOFF_DAYS: value }).profilingSkipBackoffDays).toBe(days);
  });
  it.each(["0", "366", "2.5", "dreißig"])("refuses %s, naming the variable", (value) => {
    try {
      parseEnv({ ...SECRETS, PROFILING_SKIP_BACKOFF_DAYS: value });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      expect((error as EnvError).issues.map((i) => i.variable)).toContain("PROFILING_SKIP_BACKOFF_DAYS");
    }
  });
});
