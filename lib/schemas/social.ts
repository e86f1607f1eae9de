import { z } from "zod";
import { CurrentPasswordSchema } from "./auth";

// Shared by the /login/link form and its server action (messages are `validation.*` keys).

/** Proving an existing account before a social identity is linked to it. */
export const SocialLinkSchema = z.object({
  token: z.string().min(1, "validation.invalid").max(200, "validation.invalid"),
  password: CurrentPasswordSchema,
});
export type SocialLinkInput = z.input<typeof SocialLinkSchema>;

/** A provider key as configured in OIDC_PROVIDERS (see lib/env/oidc.ts). */
export const ProviderKeySchema = z.string().regex(/^[a-z][a-z0-9]{0,30}$/);

export const SocialIdentityIdSchema = z.object({ identityId: z.string().min(1).max(64) });
