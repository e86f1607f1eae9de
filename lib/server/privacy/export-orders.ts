import "server-only";
/**
 * The orders part of "download my data" (decision 0066): every order the shop sent for the
 * customer with items, address and payment snapshots (payment only as kind and last four), parcels
 * with their events, and the documents by kind and hash. The PDFs themselves stay out of the JSON
 * (they are the shop's documents, downloadable one by one on the order's page). The customer's
 * returns (decision 0062) are a section of their own, each naming its order by the shop's number
 * (the number the customer knows from the shop's mails), so the HTML summary shows them as a table.
 */
import type { Tx } from "@/lib/db";
import { ORDER_FIELDS } from "@/lib/server/orders/order-fields";

async function exportOrders(tx: Tx, userId: string): Promise<unknown[]> {
  return tx.order.findMany({
    where: { userId },
    orderBy: [{ placedAt: "asc" }, { id: "asc" }],
    // The order page's fields, plus each document's hash: the copy can be checked against a PDF.
    select: {
      ...ORDER_FIELDS,
      documents: { ...ORDER_FIELDS.documents, select: { ...ORDER_FIELDS.documents.select, sha256: true } },
    },
  });
}

async function exportReturns(tx: Tx, userId: string): Promise<unknown[]> {
  const rows = await tx.returnRequest.findMany({
    // Scoped twice like the order page's list: the return's own owner and its order's.
    where: { userId, order: { userId } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      reason: true,
      comment: true,
      status: true,
      createdAt: true,
      order: { select: { shopOrderId: true } },
      items: {
        orderBy: { orderItem: { position: "asc" } },
        select: { quantity: true, orderItem: { select: { sku: true, name: true } } },
      },
    },
  });
  return rows.map((r) => ({
    shopOrderId: r.order.shopOrderId,
    reason: r.reason,
    comment: r.comment,
    status: r.status,
    requestedAt: r.createdAt,
    items: r.items.map((i) => ({ sku: i.orderItem.sku, name: i.orderItem.name, quantity: i.quantity })),
  }));
}

/** The export's `orders` and `returns` sections. */
export async function collectExportOrders(
  tx: Tx,
  userId: string,
): Promise<{ orders: unknown[]; returns: unknown[] }> {
  const [orders, returns] = await Promise.all([exportOrders(tx, userId), exportReturns(tx, userId)]);
  return { orders, returns };
}
