import { z } from "zod";
import type { ValidationKey } from "@/lib/i18n/messages";

// The support console's inputs (docs/decisions/0042). Messages are KEYS of `validation`.
const key = (name: ValidationKey) => `validation.${name}` as const;

/** What the search box searches: one indexed column each, chosen by the agent (no OR over four). */
export const SUPPORT_SEARCH_FIELDS = ["email", "name", "phone", "number"] as const;
export type SupportSearchField = (typeof SUPPORT_SEARCH_FIELDS)[number];

export const SEARCH_MIN_LENGTH = 2;
export const SEARCH_MAX_LENGTH = 100;

/**
 * The search as the URL carries it; an unusable query is "no search yet", never an error page.
 * `after` is the opaque cursor of the previous page (keyset pagination).
 */
export const SupportSearchSchema = z.object({
  by: z.enum(SUPPORT_SEARCH_FIELDS).catch("email"),
  q: z.string().trim().max(SEARCH_MAX_LENGTH).catch(""),
  after: z.string().max(400).optional().catch(undefined),
});
export type SupportSearch = z.output<typeof SupportSearchSchema>;

export const REASON_MIN_LENGTH = 5;
export const REASON_MAX_LENGTH = 500;

/** Every support action names the customer and says why (shown to the customer as written). */
export const SupportReasonSchema = z.object({
  customerId: z.string().min(1).max(64),
  reason: z
    .string(key("support.reasonRequired"))
    .trim()
    .min(1, { error: key("support.reasonRequired"), abort: true })
    .min(REASON_MIN_LENGTH, key("support.reasonTooShort"))
    .max(REASON_MAX_LENGTH, key("support.reasonTooLong")),
});
export type SupportReasonInput = z.input<typeof SupportReasonSchema>;
