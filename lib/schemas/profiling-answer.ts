import { z } from "zod";
import { DateOfBirthAnswerSchema, InterestsAnswerSchema, NameAnswerSchema } from "./profiling";
import { PhoneAnswerSchema } from "./profiling-phone";

// What the "Speichern" action (lib/actions/profiling.ts) receives. Server side: it holds every
// answer schema, the phone one included, so client forms import their own schema instead.

/** The attribute and its answer, validated per attribute. */
export const ProfilingAnswerSchema = z.discriminatedUnion("attributeKey", [
  z.object({ attributeKey: z.literal("name"), answer: NameAnswerSchema }),
  z.object({ attributeKey: z.literal("dateOfBirth"), answer: DateOfBirthAnswerSchema }),
  z.object({ attributeKey: z.literal("phone"), answer: PhoneAnswerSchema }),
  z.object({ attributeKey: z.literal("interests"), answer: InterestsAnswerSchema }),
]);
export type ProfilingAnswerInput = z.input<typeof ProfilingAnswerSchema>;
export type ProfilingAnswer = z.output<typeof ProfilingAnswerSchema>;
