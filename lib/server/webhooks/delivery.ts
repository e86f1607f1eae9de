import "server-only";
/**
 * The webhook worker's step (docs/decisions/0047): claim due deliveries, POST each signed in the
 * Standard Webhooks format (HMAC-SHA256 over id.timestamp.body, `standardwebhooks`), record the
 * outcome, and schedule a retry with exponential back-off on failure.
 *
 * Several app instances: a claim is an atomic conditional update (status PENDING and no running
 * lease → lease until now + leaseSeconds), which on PostgreSQL (READ COMMITTED re-checks the
 * condition after a concurrent update commits) and SQLite (one writer) lets exactly one worker
 * win a row; losers skip it. The lease's end is the claim's token: the outcome is written only
 * while the lease is still the one this worker set, so a worker that stalled past its lease cannot
 * overwrite the newer attempt. A worker killed mid-delivery leaves the lease to run out; the row is
 * then sent again (at least once; `webhook-id` lets receivers drop the duplicate).
 */
import { Webhook } from "standardwebhooks";
import { retryDelaySeconds, WEBHOOK_POLICY } from "@/lib/config/webhooks";
import { db as defaultDb, type Db } from "@/lib/db";
import { decryptValue } from "@/lib/server/crypto/encryption";

export type DeliveryOutcome = { id: string; delivered: boolean; status: number | null };

const leaseFree = (now: Date) => ({ OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] });

async function claim(db: Db, now: Date, limit: number) {
  const candidates = await db.webhookDelivery.findMany({
    where: { status: "PENDING", nextAttemptAt: { lte: now }, ...leaseFree(now) },
    orderBy: { nextAttemptAt: "asc" },
    take: limit,
    select: { id: true },
  });
  const until = new Date(now.getTime() + WEBHOOK_POLICY.leaseSeconds * 1000);
  const won: string[] = [];
  for (const { id } of candidates) {
    const { count } = await db.webhookDelivery.updateMany({
      where: { id, status: "PENDING", ...leaseFree(now) },
      data: { lockedUntil: until },
    });
    if (count === 1) won.push(id);
  }
  if (won.length === 0) return { until, rows: [] };
  const rows = await db.webhookDelivery.findMany({
    where: { id: { in: won } },
    select: {
      id: true,
      eventId: true,
      payload: true,
      attempts: true,
      endpoint: { select: { url: true, secretCiphertext: true, disabledAt: true } },
    },
  });
  return { until, rows };
}

async function post(url: string, secret: string, eventId: string, payload: string) {
  const sentAt = new Date();
  const signature = new Webhook(secret).sign(eventId, sentAt, payload);
  try {
    const response = await fetch(url, {
      method: "POST",
      redirect: "manual", // a redirect is no delivery, and must not lead the request elsewhere
      signal: AbortSignal.timeout(WEBHOOK_POLICY.timeoutSeconds * 1000),
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "Kundenportal-Webhooks/1",
        "webhook-id": eventId,
        "webhook-timestamp": String(Math.floor(sentAt.getTime() / 1000)),
        "webhook-signature": signature,
      },
      body: payload,
    });
    await response.body?.cancel();
    return { status: response.status, error: response.ok ? null : `HTTP ${response.status}` };
  } catch (error) {
    return { status: null, error: error instanceof Error ? error.name : "ERROR" };
  }
}

/** One round: claims up to `limit` due deliveries and sends them. */
export async function runWebhookDeliveries(
  { now = new Date(), limit = WEBHOOK_POLICY.batchSize }: { now?: Date; limit?: number } = {},
  { tx: db = defaultDb }: { tx?: Db } = {},
): Promise<DeliveryOutcome[]> {
  const { until, rows } = await claim(db, now, limit);
  const outcomes: DeliveryOutcome[] = [];
  for (const row of rows) {
    const result = row.endpoint.disabledAt
      ? { status: null, error: "ENDPOINT_DISABLED" }
      : await post(row.endpoint.url, decryptValue(row.endpoint.secretCiphertext), row.eventId, row.payload);
    const attempts = row.attempts + 1;
    const delivered = result.error === null;
    const givesUp =
      !delivered && (attempts >= WEBHOOK_POLICY.maxAttempts || row.endpoint.disabledAt !== null);
    const finished = new Date();
    await db.webhookDelivery.updateMany({
      where: { id: row.id, lockedUntil: until },
      data: {
        attempts,
        lockedUntil: null,
        lastStatusCode: result.status,
        lastError: result.error,
        status: delivered ? "DELIVERED" : givesUp ? "FAILED" : "PENDING",
        ...(delivered ? { deliveredAt: finished } : {}),
        ...(!delivered && !givesUp
          ? { nextAttemptAt: new Date(finished.getTime() + retryDelaySeconds(attempts) * 1000) }
          : {}),
      },
    });
    outcomes.push({ id: row.id, delivered, status: result.status });
  }
  return outcomes;
}

/** When the earliest pending delivery is due (null: none pending): the idle worker's alarm clock. */
export async function nextDeliveryDueAt({ tx: db = defaultDb }: { tx?: Db } = {}): Promise<Date | null> {
  const next = await db.webhookDelivery.findFirst({
    where: { status: "PENDING" },
    orderBy: { nextAttemptAt: "asc" },
    select: { nextAttemptAt: true },
  });
  return next?.nextAttemptAt ?? null;
}
