import "server-only";
/**
 * The orders part of "download my data" (decision 0066): every order the shop sent for the
 * customer with items, address and payment snapshots (payment only as kind and last four), parcels
 * with their events, and the documents by kind and hash. The PDFs themselves stay out of the JSON
 * (they are the shop's documents, downloadable one by one on the order's page).
 */
import type { Tx } from "@/lib/db";

export async function collectExportOrders(tx: Tx, userId: string): Promise<unknown[]> {
  return tx.order.findMany({
    where: { userId },
    orderBy: [{ placedAt: "asc" }, { id: "asc" }],
    select: {
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
        select: { sku: true, name: true, quantity: true, unitPriceMinor: true, totalMinor: true },
      },
      shipments: {
        orderBy: { createdAt: "asc" },
        select: {
          carrier: true,
          trackingNumber: true,
          status: true,
          events: { orderBy: { eventAt: "asc" }, select: { status: true, eventAt: true, place: true } },
        },
      },
      documents: {
        orderBy: { kind: "asc" },
        select: { kind: true, sizeBytes: true, sha256: true, updatedAt: true },
      },
    },
  });
}
