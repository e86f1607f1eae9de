import "server-only";
/**
 * Returns (docs/decisions/0062): a customer sends back items of a delivered order within
 * RETURN_WINDOW_DAYS of its delivery, at most what was bought less what earlier returns already
 * name. `requestReturn` re-checks all of it inside one transaction that stores the return, audits
 * `order.return_requested` and enqueues the webhook of the same name, so the shop hears of exactly
 * the returns that exist. Every read is scoped by the customer's id: another customer's order (or
 * an item of another order) reads like an unknown one.
 */
import { RETURN_WINDOW_DAYS, type ReturnReason } from "@/lib/config/orders";
import { db as defaultDb, type Db, type Tx } from "@/lib/db";
import { withTransientRetry } from "@/lib/db/db-retry";
import type { CustomerActor } from "@/lib/server/actor";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { enqueueWebhookEvent } from "@/lib/server/webhooks/outbox";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Ends the transaction with a refusal: rolls back the claim on the order row, changing nothing. */
class Refused extends Error {
  constructor(readonly code: RequestReturnFailure) {
    super(code);
  }
}

export type ReturnableItem = {
  orderItemId: string;
  sku: string;
  name: string;
  bought: number;
  returnable: number;
};
export type ReturnEligibility =
  | { eligible: true; deliveredAt: Date; returnableUntil: Date; items: ReturnableItem[] }
  | { eligible: false; reason: "NOT_FOUND" | "NOT_DELIVERED" | "WINDOW_CLOSED" | "NOTHING_LEFT" };

export type RequestReturnFailure =
  "NOT_FOUND" | "NOT_DELIVERED" | "WINDOW_CLOSED" | "NOTHING_LEFT" | "UNKNOWN_ITEM" | "QUANTITY_EXCEEDED";

/** Whether (and what of) the customer's order can be returned at `now`. */
export async function returnEligibility(
  input: { userId: string; orderId: string; now?: Date },
  { tx = defaultDb }: { tx?: Db | Tx } = {},
): Promise<ReturnEligibility> {
  const now = input.now ?? new Date();
  const order = await tx.order.findFirst({
    where: { id: input.orderId, userId: input.userId },
    select: {
      status: true,
      items: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          sku: true,
          name: true,
          quantity: true,
          returnItems: { select: { quantity: true } },
        },
      },
      shipments: { select: { events: { where: { status: "DELIVERED" }, select: { eventAt: true } } } },
    },
  });
  if (!order) return { eligible: false, reason: "NOT_FOUND" };
  // The order's status is its latest event over all parcels (decision 0060): DELIVERED only when
  // the last thing that happened was a delivery; the window runs from the latest delivery scan.
  const deliveries = order.shipments.flatMap((s) => s.events.map((e) => e.eventAt.getTime()));
  if (order.status !== "DELIVERED" || deliveries.length === 0)
    return { eligible: false, reason: "NOT_DELIVERED" };
  const deliveredAt = new Date(Math.max(...deliveries));
  const returnableUntil = new Date(deliveredAt.getTime() + RETURN_WINDOW_DAYS * DAY_MS);
  if (now > returnableUntil) return { eligible: false, reason: "WINDOW_CLOSED" };
  const items = order.items.map((item) => ({
    orderItemId: item.id,
    sku: item.sku,
    name: item.name,
    bought: item.quantity,
    returnable: Math.max(0, item.quantity - item.returnItems.reduce((sum, r) => sum + r.quantity, 0)),
  }));
  if (items.every((item) => item.returnable === 0)) return { eligible: false, reason: "NOTHING_LEFT" };
  return { eligible: true, deliveredAt, returnableUntil, items };
}

/** The customer's returns of one order, newest first, with their items (for the order page). */
export async function customerOrderReturns(
  input: { userId: string; orderId: string },
  { tx = defaultDb }: { tx?: Db } = {},
) {
  return tx.returnRequest.findMany({
    where: { orderId: input.orderId, userId: input.userId, order: { userId: input.userId } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      reason: true,
      comment: true,
      status: true,
      createdAt: true,
      items: {
        orderBy: { orderItem: { position: "asc" } },
        select: { quantity: true, orderItem: { select: { id: true, sku: true, name: true } } },
      },
    },
  });
}

export async function requestReturn(
  input: {
    actor: CustomerActor;
    orderId: string;
    items: { orderItemId: string; quantity: number }[];
    reason: ReturnReason;
    comment?: string;
    now?: Date;
  },
  { tx: db = defaultDb }: { tx?: Db } = {},
): Promise<{ ok: true; returnId: string } | { ok: false; code: RequestReturnFailure }> {
  const userId = input.actor.userId;
  const wanted = input.items.filter((item) => item.quantity > 0);
  if (wanted.length === 0) return { ok: false, code: "QUANTITY_EXCEEDED" };
  try {
    return await withTransientRetry(() =>
      db.$transaction(async (tx) => {
        const now = input.now ?? new Date();
        // Claim the order row first: PostgreSQL then runs two returns of one order one after the
        // other (the second sees the first's items); SQLite serialises writers anyway.
        const { count } = await tx.order.updateMany({
          where: { id: input.orderId, userId },
          data: { updatedAt: now },
        });
        if (count !== 1) throw new Refused("NOT_FOUND");
        const eligibility = await returnEligibility({ userId, orderId: input.orderId, now }, { tx });
        if (!eligibility.eligible) throw new Refused(eligibility.reason);
        const byId = new Map(eligibility.items.map((item) => [item.orderItemId, item]));
        for (const item of wanted) {
          const known = byId.get(item.orderItemId);
          if (!known) throw new Refused("UNKNOWN_ITEM");
          if (item.quantity > known.returnable) throw new Refused("QUANTITY_EXCEEDED");
        }
        const row = await tx.returnRequest.create({
          data: {
            orderId: input.orderId,
            userId,
            reason: input.reason,
            comment: input.comment ?? null,
            createdAt: now,
            items: {
              create: wanted.map((item) => ({ orderItemId: item.orderItemId, quantity: item.quantity })),
            },
          },
          select: {
            id: true,
            order: { select: { shopOrderId: true } },
            items: {
              select: {
                orderItemId: true,
                quantity: true,
                orderItem: { select: { position: true, sku: true } },
              },
            },
          },
        });
        const items = row.items
          .map((item) => ({
            position: item.orderItem.position,
            sku: item.orderItem.sku,
            quantity: item.quantity,
          }))
          .sort((a, b) => a.position - b.position);
        await writeAuditEvent(tx, {
          type: "order.return_requested",
          actor: input.actor,
          subject: userId,
          target: { type: "ReturnRequest", id: row.id },
          metadata: {
            orderId: input.orderId,
            shopOrderId: row.order.shopOrderId,
            reason: input.reason,
            items,
          },
        });
        await enqueueWebhookEvent(tx, {
          type: "order.return_requested",
          now,
          data: {
            id: row.id,
            customerId: userId,
            shopOrderId: row.order.shopOrderId,
            items,
            reason: input.reason,
            comment: input.comment ?? null,
            requestedAt: now.toISOString(),
          },
        });
        return { ok: true as const, returnId: row.id };
      }),
    );
  } catch (error) {
    if (error instanceof Refused) return { ok: false, code: error.code };
    throw error;
  }
}
