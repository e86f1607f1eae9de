/**
 * Webhooks' policy (docs/decisions/0047): the events a receiver can subscribe to (one typed list;
 * a new feature adds its event here and enqueues it in its transaction), the retry schedule and
 * the worker's rhythm. Plain module: the admin form, the schemas and the server read it.
 */

export const WEBHOOK_EVENT_TYPES = [
  "consent.granted",
  "consent.withdrawn",
  "newsletter.confirmed",
  "newsletter.unsubscribed",
  "customer.deleted",
  "approval.decided",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export function isWebhookEventType(value: unknown): value is WebhookEventType {
  return typeof value === "string" && (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}

export const WEBHOOK_POLICY = {
  /** Attempts before a delivery is given up (FAILED; an admin can send it again). */
  maxAttempts: 10,
  /** Wait after the first failure; doubles per further failure up to the cap (≈ 5 s … 1 h). */
  firstRetrySeconds: 5,
  maxRetrySeconds: 60 * 60,
  /** A worker's claim on a delivery; a worker that dies mid-delivery frees it after this. */
  leaseSeconds: 30,
  /** How long a receiver may take to answer. */
  timeoutSeconds: 10,
  /** How often the in-process worker looks for due deliveries, and how many it takes at once. */
  pollSeconds: 2,
  batchSize: 20,
} as const;

/** The wait before attempt `attempts + 1`, after `attempts` failed ones. */
export function retryDelaySeconds(attempts: number): number {
  const delay = WEBHOOK_POLICY.firstRetrySeconds * 2 ** Math.min(Math.max(attempts - 1, 0), 20);
  return Math.min(delay, WEBHOOK_POLICY.maxRetrySeconds);
}
