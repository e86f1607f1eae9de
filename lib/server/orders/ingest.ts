import "server-only";
/**
 * PUT /api/v1/orders/{shopOrderId} (docs/decisions/0060): the shop's order, upserted by its number.
 * The customer is named by portal id or by an e-mail address the customer has VERIFIED; an unknown
 * id, an unknown address and an unverified one are the same refusal, so the API does not tell
 * which addresses have accounts. An order never moves to another customer.
 */
import type { ShopOrderStatus } from "@/lib/config/orders";
import { db as defaultDb, type Db, type Tx } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/db-retry";
import type { Actor } from "@/lib/server/actor";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import type { PutOrderInput } from "@/lib/schemas/orders";
import { sendOrderNotice, type PendingOrderNotice } from "./notices";
import { refreshStatuses } from "./status";

export type OrderView = {
  id: string;
  shopOrderId: string;
  customerId: string;
  status: string;
  placedAt: string;
  updatedAt: string;
};

export type UpsertOrderResult =
  | { ok: true; created: boolean; order: OrderView }
  | { ok: false; code: "CUSTOMER_UNKNOWN" | "ORDER_OF_ANOTHER_CUSTOMER" };

async function resolveCustomer(tx: Tx, customer: PutOrderInput["customer"]): Promise<string | null> {
  const where =
    "id" in customer
      ? { id: customer.id }
      : { emailNormalized: customer.email.trim().toLowerCase(), emailVerifiedAt: { not: null } };
  const user = await tx.user.findFirst({
    where: { ...where, roles: { some: { role: "CUSTOMER" } } },
    select: { id: true },
  });
  return user?.id ?? null;
}

export async function upsertOrder(
  input: { actor: Actor; shopOrderId: string; order: PutOrderInput },
  { tx = defaultDb }: { tx?: Db } = {},
): Promise<UpsertOrderResult> {
  // The shop's cancellation (or its undoing) can change the status; the notice goes after commit.
  const noticed: { notice: PendingOrderNotice | null } = { notice: null };
  let result: UpsertOrderResult;
  try {
    result = await tx.$transaction((t) => upsertIn(t, input, noticed));
  } catch (error) {
    // Two first PUTs of one order at once: the loser's insert hits the unique number; as an
    // update it then applies cleanly.
    if (!isUniqueViolation(error)) throw error;
    result = await tx.$transaction((t) => upsertIn(t, input, noticed));
  }
  sendOrderNotice(noticed.notice);
  return result;
}

async function upsertIn(
  t: Tx,
  input: { actor: Actor; shopOrderId: string; order: PutOrderInput },
  noticed: { notice: PendingOrderNotice | null },
): Promise<UpsertOrderResult> {
  const { order } = input;
  const userId = await resolveCustomer(t, order.customer);
  if (!userId) return { ok: false, code: "CUSTOMER_UNKNOWN" };
  const existing = await t.order.findUnique({
    where: { shopOrderId: input.shopOrderId },
    select: { id: true, userId: true },
  });
  if (existing && existing.userId !== userId) return { ok: false, code: "ORDER_OF_ANOTHER_CUSTOMER" };
  const data = {
    shopStatus: order.status satisfies ShopOrderStatus,
    currency: order.currency,
    subtotalMinor: order.totals.subtotalMinor,
    shippingMinor: order.totals.shippingMinor,
    taxMinor: order.totals.taxMinor,
    totalMinor: order.totals.totalMinor,
    paymentMethod: order.payment.method,
    paymentLast4: order.payment.last4 ?? null,
    billingAddress: order.billingAddress,
    shippingAddress: order.shippingAddress,
    placedAt: new Date(order.placedAt),
  };
  const items = order.items.map((item, position) => ({ position, ...item }));
  const row = existing
    ? await t.order.update({
        where: { id: existing.id },
        data: { ...data, items: { deleteMany: {}, create: items } },
        select: { id: true },
      })
    : await t.order.create({
        data: {
          ...data,
          shopOrderId: input.shopOrderId,
          userId,
          status: "ORDERED",
          items: { create: items },
        },
        select: { id: true },
      });
  const statuses = await refreshStatuses(t, row.id);
  noticed.notice = statuses.notice;
  await writeAuditEvent(t, {
    type: existing ? "order.updated" : "order.created",
    actor: input.actor,
    subject: userId,
    target: { type: "Order", id: row.id },
    metadata: { shopOrderId: input.shopOrderId, status: statuses.order, items: items.length },
  });
  const saved = await t.order.findUniqueOrThrow({
    where: { id: row.id },
    select: { placedAt: true, updatedAt: true },
  });
  return {
    ok: true,
    created: !existing,
    order: {
      id: row.id,
      shopOrderId: input.shopOrderId,
      customerId: userId,
      status: statuses.order,
      placedAt: saved.placedAt.toISOString(),
      updatedAt: saved.updatedAt.toISOString(),
    },
  };
}
