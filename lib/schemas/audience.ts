/**
 * The audience filters, shared by the marketing console, its CSV export and GET
 * /api/v1/audiences/{purpose} (docs/decisions/0045): one schema, so the three cannot disagree, and
 * the OpenAPI document is generated from it.
 */
import { z } from "zod";
import { API_PAGE_SIZE } from "@/lib/config/api";
import { COMMUNICATION_CHANNELS, NEWSLETTER_TOPICS } from "@/lib/config/newsletter-topics";

/** `a,b` or repeated parameters: both arrive as one comma-separated list here. */
const topicList = z
  .string()
  .transform((value) =>
    value
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(NEWSLETTER_TOPICS)).max(NEWSLETTER_TOPICS.length))
  .meta({
    description: `Comma-separated newsletter topics, any of which a member has confirmed: ${NEWSLETTER_TOPICS.join(", ")}.`,
    example: "offers,travel_tips",
  });

export const AudienceFilterSchema = z.object({
  topics: topicList.optional(),
  channel: z
    .enum(COMMUNICATION_CHANNELS)
    .optional()
    .meta({ description: "Only members who switched this channel on (SMS adds their phone number)." }),
  language: z.enum(["de", "en"]).optional().meta({ description: "The member's language." }),
});
export type AudienceFilterInput = z.input<typeof AudienceFilterSchema>;
export type AudienceFilter = z.output<typeof AudienceFilterSchema>;

export const AudiencePageQuerySchema = AudienceFilterSchema.extend({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(API_PAGE_SIZE.max).default(API_PAGE_SIZE.default),
});

/** A purpose key as it appears in a path: the seeded keys are lower-case words with underscores. */
export const PurposeKeySchema = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/);

/** Customer ids are cuids; anything else cannot name a customer. */
export const CustomerIdSchema = z.string().regex(/^[a-z0-9]{8,40}$/);
