/**
 * Which changes of an order tell the customer (docs/decisions/0067). Plain module: the domain
 * decides with it inside the transaction of the change, and the unit test pins the rule.
 */
import type { OrderStatus } from "./orders";

export const ORDER_NOTICE_KINDS = ["SHIPPED", "OUT_FOR_DELIVERY", "DELIVERED", "PROBLEM", "INVOICE"] as const;
export type OrderNoticeKind = (typeof ORDER_NOTICE_KINDS)[number];

/** The notice an order status stands for; IN_TRANSIT is "shipped" (some carriers skip pre-transit). */
const NOTICE_OF_STATUS: Partial<Record<OrderStatus, OrderNoticeKind>> = {
  SHIPPED: "SHIPPED",
  IN_TRANSIT: "SHIPPED",
  OUT_FOR_DELIVERY: "OUT_FOR_DELIVERY",
  DELIVERED: "DELIVERED",
  PROBLEM: "PROBLEM",
};

/** The steps of a delivery in their order: once a later one was told, an earlier one is no news. */
const DELIVERY_STEPS: readonly OrderNoticeKind[] = ["SHIPPED", "OUT_FOR_DELIVERY", "DELIVERED"];

/**
 * The notice for an order whose derived status went from `before` to `after`, given the notices
 * already sent for it, or null: only a real change notifies, each kind once per order, and the
 * delivery steps only forward.
 */
export function statusNotice(
  before: OrderStatus,
  after: OrderStatus,
  sent: readonly OrderNoticeKind[],
): OrderNoticeKind | null {
  if (before === after) return null;
  const kind = NOTICE_OF_STATUS[after];
  if (!kind || sent.includes(kind)) return null;
  const step = DELIVERY_STEPS.indexOf(kind);
  if (step >= 0 && sent.some((other) => DELIVERY_STEPS.indexOf(other) > step)) return null;
  return kind;
}

/** The key of a notice's texts in messages (push) and messages/mail (mail). */
export const NOTICE_TEXT_KEY = {
  SHIPPED: "shipped",
  OUT_FOR_DELIVERY: "outForDelivery",
  DELIVERED: "delivered",
  PROBLEM: "problem",
  INVOICE: "invoice",
} as const satisfies Record<OrderNoticeKind, string>;
export type NoticeTextKey = (typeof NOTICE_TEXT_KEY)[OrderNoticeKind];
