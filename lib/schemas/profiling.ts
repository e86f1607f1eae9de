import { z } from "zod";
import type { Messages } from "@/lib/i18n/messages";
import { ProfileSchema } from "./profile";

// The answers to progressive-profiling questions, shared by the question card and its server
// actions. Name, date of birth and phone reuse the profile form's field schemas (same rules, same
// messages); a question, unlike the profile form, needs an answer, so "" is refused here.

export type ProfilingValidationKey = keyof Messages["validation"]["profiling"];
const key = (name: ProfilingValidationKey) => `validation.profiling.${name}` as const;

/** Every attribute the profile schema (lib/config/profiling.ts) can ask for. */
export const PROFILING_ATTRIBUTE_KEYS = ["name", "dateOfBirth", "phone", "interests"] as const;
export type ProfilingAttributeKey = (typeof PROFILING_ATTRIBUTE_KEYS)[number];

/** The topics offered for "interests" (labels under profiling.attributes.interests.options). */
export const INTEREST_OPTIONS = ["fashion", "sport", "home", "technology", "travel"] as const;
export type InterestOption = (typeof INTEREST_OPTIONS)[number];

const fields = ProfileSchema.shape;
const filled = <T extends z.ZodType<string, string>>(schema: T, message: ProfilingValidationKey) =>
  schema.refine((value) => value !== "", key(message));

export const NameAnswerSchema = z.object({
  firstName: filled(fields.firstName, "firstNameRequired"),
  lastName: filled(fields.lastName, "lastNameRequired"),
});
export const DateOfBirthAnswerSchema = z.object({
  dateOfBirth: filled(fields.dateOfBirth, "dateOfBirthRequired"),
});
export const PhoneAnswerSchema = z.object({ phone: filled(fields.phone, "phoneRequired") });
export const InterestsAnswerSchema = z.object({
  interests: z
    .array(z.enum(INTEREST_OPTIONS, key("interestsRequired")), key("interestsRequired"))
    .min(1, key("interestsRequired"))
    .max(INTEREST_OPTIONS.length, key("interestsRequired"))
    .transform((values) => INTEREST_OPTIONS.filter((option) => values.includes(option))),
});

export type NameAnswerInput = z.input<typeof NameAnswerSchema>;
export type DateOfBirthAnswerInput = z.input<typeof DateOfBirthAnswerSchema>;
export type PhoneAnswerInput = z.input<typeof PhoneAnswerSchema>;
export type InterestsAnswerInput = z.input<typeof InterestsAnswerSchema>;

/** What the "Speichern" action receives: the attribute and its answer, validated per attribute. */
export const ProfilingAnswerSchema = z.discriminatedUnion("attributeKey", [
  z.object({ attributeKey: z.literal("name"), answer: NameAnswerSchema }),
  z.object({ attributeKey: z.literal("dateOfBirth"), answer: DateOfBirthAnswerSchema }),
  z.object({ attributeKey: z.literal("phone"), answer: PhoneAnswerSchema }),
  z.object({ attributeKey: z.literal("interests"), answer: InterestsAnswerSchema }),
]);
export type ProfilingAnswerInput = z.input<typeof ProfilingAnswerSchema>;
export type ProfilingAnswer = z.output<typeof ProfilingAnswerSchema>;

/** "Überspringen" (SKIP: the long back-off) or "Nicht jetzt" (NOT_NOW: the short one). */
export const ProfilingDismissSchema = z.object({
  attributeKey: z.enum(PROFILING_ATTRIBUTE_KEYS),
  choice: z.enum(["SKIP", "NOT_NOW"]),
});
export type ProfilingDismissInput = z.input<typeof ProfilingDismissSchema>;
