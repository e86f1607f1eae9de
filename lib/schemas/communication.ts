import { z } from "zod";
import { COMMUNICATION_FREQUENCIES, NEWSLETTER_TOPICS } from "@/lib/config/newsletter-topics";
import type { Messages } from "@/lib/i18n/messages";

// Shared by the communication form and its server action; messages are keys of
// `validation.communication` (nested, so they are typed against the German catalog here).
type CommunicationValidationKey = keyof Messages["validation"]["communication"];
const key = (name: CommunicationValidationKey) => `validation.communication.${name}` as const;

export const CommunicationPreferencesSchema = z
  .object({
    /** Newsletter topics by email; each new one needs the double opt-in. */
    topics: z
      .array(z.enum(NEWSLETTER_TOPICS, key("topicUnknown")), key("topicUnknown"))
      .max(NEWSLETTER_TOPICS.length, key("topicUnknown")),
    email: z.boolean(key("channelInvalid")),
    push: z.boolean(key("channelInvalid")),
    sms: z.boolean(key("channelInvalid")),
    frequency: z.enum(COMMUNICATION_FREQUENCIES, key("frequencyRequired")),
  })
  // A newsletter by email while email is switched off as a channel would be a contradiction the
  // person should resolve, not one the server silently picks a side of.
  .refine((value) => value.topics.length === 0 || value.email, {
    path: ["topics"],
    error: key("topicsNeedEmail"),
  });
export type CommunicationPreferencesInput = z.input<typeof CommunicationPreferencesSchema>;
export type CommunicationPreferences = z.output<typeof CommunicationPreferencesSchema>;

/** Service notices about orders per channel (docs/decisions/0067); apart from the marketing form. */
export const ServiceNoticesSchema = z.object({
  email: z.boolean(key("channelInvalid")),
  push: z.boolean(key("channelInvalid")),
});
export type ServiceNoticesInput = z.input<typeof ServiceNoticesSchema>;

/** The token of a confirmation or unsubscribe link, posted back by the page's button. */
export const NewsletterLinkTokenSchema = z.object({
  token: z.string().trim().min(1).max(512),
});
