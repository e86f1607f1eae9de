import "server-only";
/**
 * The webhook outbox (docs/decisions/0047): `enqueueWebhookEvent(tx, …)` inside the transaction of
 * the change writes one delivery row per endpoint subscribed to the event, so the event commits
 * with the change or not at all: a process that dies after the commit loses nothing, the worker
 * (delivery.ts) picks the rows up. Works with the caller's transaction only.
 */
import { randomBytes } from "node:crypto";
import { WEBHOOK_POLICY, type WebhookEventType } from "@/lib/config/webhooks";
import type { Db, Tx } from "@/lib/db";
import { wakeWebhookWorker } from "./worker";
import type { ShopApprovalDetails } from "@/lib/schemas/approvals";

/** What a receiver learns per event: ids and facts, never contact data (it can ask the API). */
export type WebhookEventData = {
  "consent.granted": { customerId: string; purpose: string; version: number; source: string };
  "consent.withdrawn": { customerId: string; purpose: string; version: number; source: string };
  "newsletter.confirmed": { customerId: string; topics: string[] };
  "newsletter.unsubscribed": { customerId: string; topics: string[]; source: string };
  "customer.deleted": { customerId: string };
  /** The decision on a shop approval with the hash of the details shown (docs/decisions/0063). */
  "approval.decided": {
    id: string;
    approvalId: string;
    customerId: string;
    shopOrderId: string;
    decision: "approved" | "declined" | "expired";
    detailsHash: string;
    details: ShopApprovalDetails;
    decidedAt: string;
  };
  /**
   * A customer's return (docs/decisions/0062): the items by the shop's line position and sku;
   * the comment is the customer's own words (the shop needs them to handle the return).
   */
  "order.return_requested": {
    id: string;
    customerId: string;
    shopOrderId: string;
    items: { position: number; sku: string; quantity: number }[];
    reason: string;
    comment: string | null;
    requestedAt: string;
  };
};

function subscribes(events: unknown, type: WebhookEventType): boolean {
  return Array.isArray(events) && events.includes(type);
}

export async function enqueueWebhookEvent<T extends WebhookEventType>(
  tx: Tx | Db,
  event: { type: T; data: WebhookEventData[T]; now?: Date },
): Promise<void> {
  // Few endpoints exist (admins register them): reading them all beats a Json filter that the two
  // databases spell differently.
  const endpoints = await tx.webhookEndpoint.findMany({
    where: { disabledAt: null },
    select: { id: true, events: true },
  });
  const targets = endpoints.filter((e) => subscribes(e.events, event.type));
  if (targets.length === 0) return;
  const now = event.now ?? new Date();
  const eventId = `evt_${randomBytes(16).toString("hex")}`;
  const payload = JSON.stringify({ type: event.type, timestamp: now.toISOString(), data: event.data });
  await tx.webhookDelivery.createMany({
    data: targets.map((endpoint) => ({
      eventId,
      eventType: event.type,
      payload,
      endpointId: endpoint.id,
      nextAttemptAt: now,
    })),
  });
  wakeWebhookWorker();
}

/**
 * `npm run jobs`: deletes deliveries delivered more than WEBHOOK_POLICY.keepDeliveredDays ago
 * (decision 0048). The event itself lives on in the change it came from and in the audit log; the
 * delivery log only answers "did the receiver get it", which nobody asks a month later.
 */
export async function pruneWebhookDeliveries({ now = new Date() }: { now?: Date }, { tx }: { tx: Db }) {
  const before = new Date(now.getTime() - WEBHOOK_POLICY.keepDeliveredDays * 24 * 60 * 60 * 1000);
  const { count } = await tx.webhookDelivery.deleteMany({
    where: { status: "DELIVERED", deliveredAt: { lt: before } },
  });
  return count;
}
