import { z } from "zod";
import { PhoneSchema } from "./phone";
import { filled } from "./profiling";

// The phone question's answer: the profile form's phone rule (libphonenumber-js "max" metadata),
// required. Its own module so that only the phone question's form loads the metadata.

export const PhoneAnswerSchema = z.object({ phone: filled(PhoneSchema, "phoneRequired") });
export type PhoneAnswerInput = z.input<typeof PhoneAnswerSchema>;
