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
  "order.return_requested",
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
  /**
   * The in-process worker's rhythm (decision 0049): a round every pollSeconds while there is
   * work (or shortly after this process enqueued an event), every idleSeconds when nothing is due;
   * and how many deliveries a round takes at once.
   */
  pollSeconds: 2,
  idleSeconds: 10,
  batchSize: 20,
  /**
   * Delivered deliveries are deleted by `npm run jobs` this long after delivery (decision 0048);
   * failed and pending ones stay (an admin may send them again).
   */
  keepDeliveredDays: 30,
} as const;

/**
 * When the in-process worker's next round starts, in ms from `now` (decision 0049): at once after a
 * full batch (more may be due), pollSeconds after a round that sent something or while this process
 * recently enqueued an event (`hotUntil`), otherwise when the next pending delivery is due, within
 * pollSeconds … idleSeconds.
 */
export function nextRoundDelayMs(round: {
  now: Date;
  sent: number;
  nextDueAt: Date | null;
  hotUntil: Date | null;
}): number {
  const poll = WEBHOOK_POLICY.pollSeconds * 1000;
  const idle = WEBHOOK_POLICY.idleSeconds * 1000;
  if (round.sent >= WEBHOOK_POLICY.batchSize) return 0;
  if (round.sent > 0 || (round.hotUntil && round.hotUntil > round.now)) return poll;
  if (!round.nextDueAt) return idle;
  return Math.min(idle, Math.max(poll, round.nextDueAt.getTime() - round.now.getTime()));
}

/** The wait before attempt `attempts + 1`, after `attempts` failed ones. */
export function retryDelaySeconds(attempts: number): number {
  const delay = WEBHOOK_POLICY.firstRetrySeconds * 2 ** Math.min(Math.max(attempts - 1, 0), 20);
  return Math.min(delay, WEBHOOK_POLICY.maxRetrySeconds);
}
