import "server-only";
/**
 * The derived statuses of shipments and orders (docs/decisions/0060). Carriers' events arrive late
 * and out of order, so nothing is "moved forward" by an arriving event: after every change the
 * shipment's status is recomputed as that of its latest event by eventAt (ties: the later stage
 * wins), and the order's as the shop's cancellation, else its latest event over all shipments,
 * else ORDERED.
 */
import { ORDER_STATUSES, type OrderStatus } from "@/lib/config/orders";
import type { Tx } from "@/lib/db";
import { recordStatusNotice, type PendingOrderNotice } from "./notices";

const rank = (status: string) => ORDER_STATUSES.indexOf(status as OrderStatus);

type EventLike = { status: string; eventAt: Date };

/** The latest of the events by eventAt; at the same instant the later stage. */
export function latestEvent<E extends EventLike>(events: E[]): E | null {
  let latest: E | null = null;
  for (const event of events) {
    if (
      !latest ||
      event.eventAt.getTime() > latest.eventAt.getTime() ||
      (event.eventAt.getTime() === latest.eventAt.getTime() && rank(event.status) > rank(latest.status))
    )
      latest = event;
  }
  return latest;
}

/**
 * Recomputes and stores the status of one shipment and of its order; answers both, and the
 * service notice the change records (docs/decisions/0067), for the caller to send after its commit.
 */
export async function refreshStatuses(
  tx: Tx,
  orderId: string,
): Promise<{
  order: OrderStatus;
  shipments: Map<string, OrderStatus>;
  notice: PendingOrderNotice | null;
}> {
  const order = await tx.order.findUniqueOrThrow({
    where: { id: orderId },
    select: {
      status: true,
      userId: true,
      shopOrderId: true,
      shopStatus: true,
      shipments: { select: { id: true, events: { select: { status: true, eventAt: true } } } },
    },
  });
  const shipments = new Map<string, OrderStatus>();
  for (const shipment of order.shipments) {
    const status = (latestEvent(shipment.events)?.status ?? "SHIPPED") as OrderStatus;
    shipments.set(shipment.id, status);
    await tx.shipment.update({ where: { id: shipment.id }, data: { status }, select: { id: true } });
  }
  const latest = latestEvent(order.shipments.flatMap((s) => s.events));
  const status: OrderStatus =
    order.shopStatus === "CANCELLED"
      ? "CANCELLED"
      : ((latest?.status as OrderStatus | undefined) ?? "ORDERED");
  await tx.order.update({ where: { id: orderId }, data: { status }, select: { id: true } });
  const notice = await recordStatusNotice(
    tx,
    { id: orderId, userId: order.userId, shopOrderId: order.shopOrderId },
    { before: order.status as OrderStatus, after: status },
  );
  return { order: status, shipments, notice };
}
