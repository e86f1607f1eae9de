import { z } from "zod";

// Web Push: the JSON a browser's PushSubscription.toJSON() returns, and the per-device actions.
// The browser produces these values, not a person typing, so failures get the generic message.

/** An endpoint is a push service URL with a long opaque path; real ones stay well below this. */
export const PUSH_ENDPOINT_MAX_LENGTH = 2048;

const base64url = (bytes: number) =>
  z.string().regex(new RegExp(`^[A-Za-z0-9_-]{${Math.ceil((bytes * 4) / 3)}}$`));

export const PushSubscriptionSchema = z.object({
  endpoint: z.url({ protocol: /^https?$/ }).max(PUSH_ENDPOINT_MAX_LENGTH),
  /** Milliseconds since the epoch when the push service lets the subscription expire, if it says. */
  expirationTime: z.number().int().positive().nullable().optional(),
  keys: z.object({
    /** The browser's ECDH P-256 public key (65-byte uncompressed point, RFC 8291). */
    p256dh: base64url(65),
    /** The 16-byte authentication secret (RFC 8291). */
    auth: base64url(16),
  }),
});
export type PushSubscriptionInput = z.input<typeof PushSubscriptionSchema>;

export const PushSubscriptionIdSchema = z.object({ subscriptionId: z.string().min(1).max(64) });
export type PushSubscriptionIdInput = z.input<typeof PushSubscriptionIdSchema>;

export const PushPreferencesSchema = z.object({
  subscriptionId: z.string().min(1).max(64),
  /** Security notices and other messages about the account. */
  allowsTransactional: z.boolean(),
  /** Offers; also needs the current marketing_push consent (checked on the server). */
  allowsMarketing: z.boolean(),
});
export type PushPreferencesInput = z.input<typeof PushPreferencesSchema>;
