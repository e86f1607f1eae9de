/**
 * The profile schema as typed configuration (docs/decisions/0017): which attributes the portal may ask
 * for after registration, why (the purpose: a consent purpose key, or "contract" for what the
 * customer relationship itself needs), how urgently (priority: lower asks first) and when (the
 * trigger). The wording of each question, per language, lives in messages/<locale>.json under
 * `profiling.attributes.<key>`; the answer's validation in lib/schemas/profiling.ts (the phone's in
 * profiling-phone.ts). Plain module: the selection (next-question.ts), completeness and the card all
 * read this one list.
 */
import type { z } from "zod";
import {
  DateOfBirthAnswerSchema,
  InterestsAnswerSchema,
  NameAnswerSchema,
  type ProfilingAttributeKey,
} from "@/lib/schemas/profiling";
import { PhoneAnswerSchema } from "@/lib/schemas/profiling-phone";

/** Areas of the account that can trigger a question when the customer opens them. */
export const PROFILING_AREAS = ["/account/addresses"] as const;
export type ProfilingArea = (typeof PROFILING_AREAS)[number];

/** "contract": needed for the contract, no consent involved; otherwise a ConsentPurpose key. */
export type ProfilingPurpose =
  "contract" | "personalisation" | "analytics" | "marketing_email" | "marketing_push" | "birthday_offers";

export type ProfilingTrigger =
  /** On the overview, once the customer has signed in at least this many times. */
  | { kind: "signIns"; atLeast: number }
  /** On the given area's page, when the customer opens it. */
  | { kind: "area"; area: ProfilingArea }
  /** On the overview, once the customer has consented to this purpose. */
  | { kind: "consent"; purpose: Exclude<ProfilingPurpose, "contract"> };

/** What the portal knows about the customer's profile (Profile row plus free attributes). */
export type ProfileFacts = {
  firstName: string | null;
  lastName: string | null;
  dateOfBirth: string | null;
  phoneE164: string | null;
  /** ProfileAttributeValue rows by attribute key (values as stored). */
  attributes: Readonly<Record<string, unknown>>;
};

export type ProfilingAttribute = {
  key: ProfilingAttributeKey;
  purpose: ProfilingPurpose;
  priority: number;
  trigger: ProfilingTrigger;
  /** Where the answer is kept: a Profile column (or two) or a ProfileAttributeValue row. */
  storage: "profile" | "attribute";
  /** Counted in the overview's completeness (docs/decisions/0017). */
  countsTowardsCompleteness: boolean;
  /** The answer's zod schema (the card's form and the server action use the same). */
  answerSchema: z.ZodType;
  isFilled: (facts: ProfileFacts) => boolean;
};

export const PROFILING_ATTRIBUTES = [
  {
    key: "name",
    purpose: "contract",
    priority: 1,
    trigger: { kind: "signIns", atLeast: 1 },
    storage: "profile",
    countsTowardsCompleteness: true,
    answerSchema: NameAnswerSchema,
    isFilled: (f) => Boolean(f.firstName && f.lastName),
  },
  {
    key: "dateOfBirth",
    purpose: "birthday_offers",
    priority: 2,
    trigger: { kind: "consent", purpose: "birthday_offers" },
    storage: "profile",
    countsTowardsCompleteness: true,
    answerSchema: DateOfBirthAnswerSchema,
    isFilled: (f) => Boolean(f.dateOfBirth),
  },
  {
    // For delivery notices: asked where deliveries are arranged.
    key: "phone",
    purpose: "contract",
    priority: 3,
    trigger: { kind: "area", area: "/account/addresses" },
    storage: "profile",
    countsTowardsCompleteness: true,
    answerSchema: PhoneAnswerSchema,
    isFilled: (f) => Boolean(f.phoneE164),
  },
  {
    key: "interests",
    purpose: "personalisation",
    priority: 4,
    trigger: { kind: "consent", purpose: "personalisation" },
    storage: "attribute",
    countsTowardsCompleteness: false,
    answerSchema: InterestsAnswerSchema,
    isFilled: (f) => Array.isArray(f.attributes.interests) && f.attributes.interests.length > 0,
  },
] as const satisfies readonly ProfilingAttribute[];

/** The attributes the overview counts, in the order it lists them (a literal tuple for typing). */
export const COMPLETENESS_ATTRIBUTE_KEYS = [
  "name",
  "dateOfBirth",
  "phone",
] as const satisfies readonly Extract<
  (typeof PROFILING_ATTRIBUTES)[number],
  { countsTowardsCompleteness: true }
>["key"][];

export function profilingAttribute(key: ProfilingAttributeKey): ProfilingAttribute {
  const attribute = PROFILING_ATTRIBUTES.find((a) => a.key === key);
  if (!attribute) throw new Error(`profiling attribute "${key}" is not configured`);
  return attribute;
}

/** "Nicht jetzt" hides a question for this long; "Überspringen" uses PROFILING_SKIP_BACKOFF_DAYS. */
export const NOT_NOW_BACKOFF_DAYS = 7;
