import { z } from "zod";
import { WEBHOOK_EVENT_TYPES } from "@/lib/config/webhooks";
import type { ValidationKey } from "@/lib/i18n/messages";

// The webhook administration's forms (docs/decisions/0047). Messages are KEYS of `validation`.
const key = (name: ValidationKey) => `validation.${name}` as const;

export const CreateWebhookSchema = z.object({
  url: z
    .string()
    .trim()
    .max(2000, key("webhooks.urlInvalid"))
    .refine(
      (value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol),
      key("webhooks.urlInvalid"),
    ),
  events: z
    .array(z.enum(WEBHOOK_EVENT_TYPES), key("webhooks.eventsRequired"))
    .min(1, key("webhooks.eventsRequired")),
});
export type CreateWebhookInput = z.input<typeof CreateWebhookSchema>;

export const WebhookIdSchema = z.object({ id: z.string().min(1).max(40) });
export type WebhookIdInput = z.input<typeof WebhookIdSchema>;
