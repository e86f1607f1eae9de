import "server-only";
/**
 * Parcels of an order and the carrier's events (docs/decisions/0060). A shipment is known by its
 * carrier and tracking number: posting the same one again for the same order answers the existing
 * shipment. An event is translated from the carrier's vocabulary into the portal's status set
 * (lib/config/orders.ts) and stored with its raw code; a repeated event (same code, same time) is
 * kept once. Statuses are then recomputed from the latest event by eventAt (./status.ts).
 */
import { statusForCarrierCode, trackingUrl, type Carrier, type OrderStatus } from "@/lib/config/orders";
import { db as defaultDb, type Db } from "@/lib/db";
import type { Actor } from "@/lib/server/actor";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { sendOrderNotice, type PendingOrderNotice } from "./notices";
import { refreshStatuses } from "./status";

export type ShipmentView = {
  id: string;
  shopOrderId: string;
  carrier: Carrier;
  trackingNumber: string;
  status: OrderStatus;
  trackingUrl: string;
};

export async function addShipment(
  input: { actor: Actor; shopOrderId: string; carrier: Carrier; trackingNumber: string },
  { tx = defaultDb }: { tx?: Db } = {},
): Promise<
  | { ok: true; created: boolean; shipment: ShipmentView }
  | { ok: false; code: "NOT_FOUND" | "TRACKING_NUMBER_TAKEN" }
> {
  let notice: PendingOrderNotice | null = null;
  const result = await tx.$transaction(async (t) => {
    const order = await t.order.findUnique({
      where: { shopOrderId: input.shopOrderId },
      select: { id: true, userId: true },
    });
    if (!order) return { ok: false as const, code: "NOT_FOUND" as const };
    const key = { carrier: input.carrier, trackingNumber: input.trackingNumber };
    const existing = await t.shipment.findUnique({
      where: { carrier_trackingNumber: key },
      select: { id: true, orderId: true, status: true },
    });
    if (existing && existing.orderId !== order.id)
      return { ok: false as const, code: "TRACKING_NUMBER_TAKEN" as const };
    const row =
      existing ??
      (await t.shipment.create({
        data: { ...key, orderId: order.id, status: "SHIPPED" },
        select: { id: true, orderId: true, status: true },
      }));
    if (!existing) {
      ({ notice } = await refreshStatuses(t, order.id));
      await writeAuditEvent(t, {
        type: "order.shipment_added",
        actor: input.actor,
        subject: order.userId,
        target: { type: "Shipment", id: row.id },
        metadata: { shopOrderId: input.shopOrderId, carrier: input.carrier },
      });
    }
    return {
      ok: true as const,
      created: !existing,
      shipment: {
        id: row.id,
        shopOrderId: input.shopOrderId,
        ...key,
        status: row.status as OrderStatus,
        trackingUrl: trackingUrl(input.carrier, input.trackingNumber),
      },
    };
  });
  sendOrderNotice(notice);
  return result;
}

export type RecordEventResult =
  | {
      ok: true;
      created: boolean;
      event: {
        id: string;
        shipmentId: string;
        status: OrderStatus;
        shipmentStatus: OrderStatus;
        orderStatus: OrderStatus;
      };
    }
  | { ok: false; code: "NOT_FOUND" | "UNKNOWN_CARRIER_CODE" };

export async function recordShipmentEvent(
  input: { actor: Actor; shipmentId: string; code: string; eventAt: Date; place?: string },
  { tx = defaultDb }: { tx?: Db } = {},
): Promise<RecordEventResult> {
  let notice: PendingOrderNotice | null = null;
  const result = await tx.$transaction(async (t) => {
    const shipment = await t.shipment.findUnique({
      where: { id: input.shipmentId },
      select: { id: true, carrier: true, orderId: true, order: { select: { userId: true } } },
    });
    if (!shipment) return { ok: false as const, code: "NOT_FOUND" as const };
    const status = statusForCarrierCode(shipment.carrier as Carrier, input.code);
    if (!status) return { ok: false as const, code: "UNKNOWN_CARRIER_CODE" as const };
    const existing = await t.shipmentEvent.findFirst({
      where: { shipmentId: shipment.id, carrierCode: input.code, eventAt: input.eventAt },
      select: { id: true },
    });
    const event =
      existing ??
      (await t.shipmentEvent.create({
        data: {
          shipmentId: shipment.id,
          status,
          carrierCode: input.code,
          eventAt: input.eventAt,
          place: input.place ?? null,
        },
        select: { id: true },
      }));
    const statuses = await refreshStatuses(t, shipment.orderId);
    notice = statuses.notice;
    if (!existing)
      await writeAuditEvent(t, {
        type: "order.shipment_event_recorded",
        actor: input.actor,
        subject: shipment.order.userId,
        target: { type: "Shipment", id: shipment.id },
        metadata: { code: input.code, status, orderStatus: statuses.order },
      });
    return {
      ok: true as const,
      created: !existing,
      event: {
        id: event.id,
        shipmentId: shipment.id,
        status,
        shipmentStatus: statuses.shipments.get(shipment.id)!,
        orderStatus: statuses.order,
      },
    };
  });
  // After the commit, off the shop's request path (docs/decisions/0067).
  sendOrderNotice(notice);
  return result;
}
