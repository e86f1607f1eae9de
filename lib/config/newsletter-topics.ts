/**
 * Newsletter topics, channels and frequencies: typed configuration, like every
 * policy table in lib/config. Labels live in the message catalogs under `account.communication.topics.<key>`
 * (portal) and `newsletter.topics.<key>` (mails), so adding a topic here and its texts there is
 * the whole change. Plain module: the form, the schema and the server all read it.
 */

export const NEWSLETTER_TOPICS = ["offers", "new_products", "travel_tips"] as const;
export type NewsletterTopic = (typeof NEWSLETTER_TOPICS)[number];

export function isNewsletterTopic(value: unknown): value is NewsletterTopic {
  return typeof value === "string" && (NEWSLETTER_TOPICS as readonly string[]).includes(value);
}

/** Same values as the Prisma enum CommunicationChannel. */
export const COMMUNICATION_CHANNELS = ["EMAIL", "PUSH", "SMS"] as const;
export type CommunicationChannel = (typeof COMMUNICATION_CHANNELS)[number];

/** Same values as the Prisma enum CommunicationFrequency. */
export const COMMUNICATION_FREQUENCIES = ["AS_PUBLISHED", "WEEKLY", "MONTHLY"] as const;
export type CommunicationFrequency = (typeof COMMUNICATION_FREQUENCIES)[number];

/** The consent purpose a newsletter by email rests on (seeded; texts versioned in the database). */
export const NEWSLETTER_CONSENT_PURPOSE = "marketing_email";

/** How long the double opt-in link in the confirmation mail works. */
export const NEWSLETTER_CONFIRM_TTL_HOURS = 48;
