import "server-only";
/**
 * Service notices about orders (docs/decisions/0067). Inside the transaction of a change, the
 * notice is decided (lib/config/order-notices.ts) and recorded as an OrderNotice row, one per order
 * and kind; after the commit, `sendOrderNotice` mails and pushes it off the request's path, each
 * channel only while the customer's service-notice setting for it is on. A failure is logged and
 * never reaches the shop's API call.
 */
import { statusNotice, NOTICE_TEXT_KEY, type OrderNoticeKind } from "@/lib/config/order-notices";
import type { OrderStatus } from "@/lib/config/orders";
import { db, type Tx } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { getServiceNoticeSettings } from "@/lib/server/communication/service-notices";
import { localeOf, sendMailInBackground } from "@/lib/server/identity/notify";
import { sendOrderPush } from "@/lib/server/push/send-push";

/** A notice recorded in a transaction, to be sent once it has committed. */
export type PendingOrderNotice = {
  kind: OrderNoticeKind;
  orderId: string;
  userId: string;
  shopOrderId: string;
};

async function record(
  tx: Tx,
  order: { id: string; userId: string; shopOrderId: string },
  decide: (sent: OrderNoticeKind[]) => OrderNoticeKind | null,
): Promise<PendingOrderNotice | null> {
  // Read after the caller has written the order row (its lock on PostgreSQL): a concurrent change
  // of the same order has committed its notice by now, and this one sees it.
  const rows = await tx.orderNotice.findMany({ where: { orderId: order.id }, select: { kind: true } });
  const kind = decide(rows.map((row) => row.kind as OrderNoticeKind));
  if (!kind) return null;
  await tx.orderNotice.create({ data: { orderId: order.id, kind }, select: { id: true } });
  return { kind, orderId: order.id, userId: order.userId, shopOrderId: order.shopOrderId };
}

/** After the order's status was recomputed (and its row written) in `tx`. */
export function recordStatusNotice(
  tx: Tx,
  order: { id: string; userId: string; shopOrderId: string },
  change: { before: OrderStatus; after: OrderStatus },
): Promise<PendingOrderNotice | null> {
  return record(tx, order, (sent) => statusNotice(change.before, change.after, sent));
}

/** The order's first invoice; a replaced one is no news. */
export function recordInvoiceNotice(
  tx: Tx,
  order: { id: string; userId: string; shopOrderId: string },
): Promise<PendingOrderNotice | null> {
  return record(tx, order, (sent) => (sent.includes("INVOICE") ? null : "INVOICE"));
}

function logFailure(channel: string, notice: PendingOrderNotice, error: unknown): void {
  console.error(
    `[${channel}] order notice ${notice.kind} for order ${notice.orderId} not sent: ${error instanceof Error ? error.message : String(error)}`,
  );
}

/** Sends a committed notice by the channels the customer has on; returns at once. */
export function sendOrderNotice(notice: PendingOrderNotice | null): void {
  if (!notice) return;
  void deliver(notice).catch((error: unknown) => logFailure("notice", notice, error));
}

async function deliver(notice: PendingOrderNotice): Promise<void> {
  const [user, settings] = await Promise.all([
    db.user.findUnique({ where: { id: notice.userId }, select: { email: true, locale: true } }),
    getServiceNoticeSettings(notice.userId),
  ]);
  if (!user) return;
  const path = `/account/orders/${encodeURIComponent(notice.orderId)}`;
  const text = NOTICE_TEXT_KEY[notice.kind];
  if (settings.push)
    void sendOrderPush(notice.userId, { text, shopOrderId: notice.shopOrderId, url: path }).catch(
      (error: unknown) => logFailure("push", notice, error),
    );
  if (settings.email)
    sendMailInBackground({
      to: user.email,
      locale: localeOf(user.locale),
      template: {
        name: "order-notice",
        data: { notice: text, shopOrderId: notice.shopOrderId, orderUrl: `${getEnv().appUrl}${path}` },
      },
    });
}
