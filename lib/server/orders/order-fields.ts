import "server-only";
/**
 * One order as the customer may see it: its amounts, address and payment snapshots (payment only
 * as kind and last four), items, parcels with their events (by the carrier's time, arrival breaking
 * ties) and its documents' kinds. The order page reads it (customer-orders.ts) and the data export
 * extends it (lib/server/privacy/export-orders.ts), so a field the customer is shown is also a field
 * they get a copy of.
 */
import type { Prisma } from "@/lib/generated/prisma-sqlite/client";

export const ORDER_FIELDS = {
  id: true,
  shopOrderId: true,
  status: true,
  placedAt: true,
  currency: true,
  subtotalMinor: true,
  shippingMinor: true,
  taxMinor: true,
  totalMinor: true,
  paymentMethod: true,
  paymentLast4: true,
  billingAddress: true,
  shippingAddress: true,
  items: {
    orderBy: { position: "asc" },
    select: { id: true, sku: true, name: true, quantity: true, unitPriceMinor: true, totalMinor: true },
  },
  shipments: {
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      carrier: true,
      trackingNumber: true,
      status: true,
      events: {
        orderBy: [{ eventAt: "asc" }, { createdAt: "asc" }],
        select: { id: true, status: true, eventAt: true, place: true },
      },
    },
  },
  documents: { orderBy: { kind: "asc" }, select: { kind: true, sizeBytes: true, updatedAt: true } },
} satisfies Prisma.OrderSelect;
