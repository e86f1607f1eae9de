import { z } from "zod";
import type { Messages } from "@/lib/i18n/messages";
import { DateOfBirthSchema, NameSchema } from "./profile-fields";

// The answers to progressive-profiling questions, shared by the question card and its server
// actions. Name and date of birth reuse the profile form's field schemas (same rules, same
// messages); a question, unlike the profile form, needs an answer, so "" is refused here.
// The phone answer is in profiling-phone.ts and the union of all answers in profiling-answer.ts:
// the name, birthday and interests forms must not load the phone-number metadata
// (docs/decisions/0070).

export type ProfilingValidationKey = keyof Messages["validation"]["profiling"];
const key = (name: ProfilingValidationKey) => `validation.profiling.${name}` as const;

/** Every attribute the profile schema (lib/config/profiling.ts) can ask for. */
export const PROFILING_ATTRIBUTE_KEYS = ["name", "dateOfBirth", "phone", "interests"] as const;
export type ProfilingAttributeKey = (typeof PROFILING_ATTRIBUTE_KEYS)[number];

/** The topics offered for "interests" (labels under profiling.attributes.interests.options). */
export const INTEREST_OPTIONS = ["fashion", "sport", "home", "technology", "travel"] as const;
export type InterestOption = (typeof INTEREST_OPTIONS)[number];

/** A profile field's schema that also refuses "" (the question needs an answer). */
export const filled = <T extends z.ZodType<string, string>>(schema: T, message: ProfilingValidationKey) =>
  schema.refine((value) => value !== "", key(message));

export const NameAnswerSchema = z.object({
  firstName: filled(NameSchema, "firstNameRequired"),
  lastName: filled(NameSchema, "lastNameRequired"),
});
export const DateOfBirthAnswerSchema = z.object({
  dateOfBirth: filled(DateOfBirthSchema, "dateOfBirthRequired"),
});
export const InterestsAnswerSchema = z.object({
  interests: z
    .array(z.enum(INTEREST_OPTIONS, key("interestsRequired")), key("interestsRequired"))
    .min(1, key("interestsRequired"))
    .max(INTEREST_OPTIONS.length, key("interestsRequired"))
    .transform((values) => INTEREST_OPTIONS.filter((option) => values.includes(option))),
});

export type NameAnswerInput = z.input<typeof NameAnswerSchema>;
export type DateOfBirthAnswerInput = z.input<typeof DateOfBirthAnswerSchema>;
export type InterestsAnswerInput = z.input<typeof InterestsAnswerSchema>;

/** "Überspringen" (SKIP: the long back-off) or "Nicht jetzt" (NOT_NOW: the short one). */
export const ProfilingDismissSchema = z.object({
  attributeKey: z.enum(PROFILING_ATTRIBUTE_KEYS),
  choice: z.enum(["SKIP", "NOT_NOW"]),
});
export type ProfilingDismissInput = z.input<typeof ProfilingDismissSchema>;
