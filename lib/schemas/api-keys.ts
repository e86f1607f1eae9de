import { z } from "zod";
import { API_KEY_LIFETIME_DAYS, API_SCOPES } from "@/lib/config/api";
import type { ValidationKey } from "@/lib/i18n/messages";

// The API-key administration's forms (docs/decisions/0045). Messages are KEYS of `validation`.
const key = (name: ValidationKey) => `validation.${name}` as const;

export const API_KEY_LIFETIME_CHOICES = API_KEY_LIFETIME_DAYS.map(String) as ["30", "90", "365"];

export const CreateApiKeySchema = z.object({
  name: z.string().trim().min(1, key("apiKeys.nameRequired")).max(80, key("apiKeys.nameTooLong")),
  scopes: z.array(z.enum(API_SCOPES), key("apiKeys.scopesRequired")).min(1, key("apiKeys.scopesRequired")),
  lifetimeDays: z.enum(API_KEY_LIFETIME_CHOICES, key("apiKeys.lifetimeRequired")),
});
export type CreateApiKeyInput = z.input<typeof CreateApiKeySchema>;

export const RevokeApiKeySchema = z.object({ id: z.string().min(1).max(40) });
export type RevokeApiKeyInput = z.input<typeof RevokeApiKeySchema>;
