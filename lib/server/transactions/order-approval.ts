import "server-only";
/**
 * The demo kind `order.approve`: a business order above the customer's approval limit waits for
 * the customer's confirmation (/account/orders). There is no order system behind it, so executing
 * it records nothing beyond the confirmation itself; it exists to show and test the mechanism.
 */
import { randomInt } from "node:crypto";
import { z } from "zod";
import type { TransactionExecutor } from "./executor";

const Cents = z.number().int().min(0).max(1_000_000_000);

export const OrderApprovalDetailsSchema = z.object({
  orderNumber: z.string().min(1).max(32),
  items: z
    .array(
      z.object({
        name: z.string().min(1).max(120),
        quantity: z.number().int().min(1).max(10_000),
        unitPriceCents: Cents,
      }),
    )
    .min(1)
    .max(50),
  totalCents: Cents,
  currency: z.literal("EUR"),
  approvalLimitCents: Cents,
  /** Delivery address as printed on the order, one line per entry. */
  deliveryAddress: z.array(z.string().min(1).max(120)).min(1).max(6),
});
export type OrderApprovalDetails = z.output<typeof OrderApprovalDetailsSchema>;

/** The customer's approval limit in the demo: orders above it need a confirmation. */
export const DEMO_APPROVAL_LIMIT_CENTS = 100_000;

/** A demo order of 1.249,00 € (above the limit) with a fresh order number. */
export function demoOrderDetails(): OrderApprovalDetails {
  const items = [
    { name: "Bürostuhl ErgoPlus", quantity: 3, unitPriceCents: 29_900 },
    { name: "Schreibtisch Eiche 160 × 80 cm", quantity: 1, unitPriceCents: 35_200 },
  ];
  return {
    orderNumber: `B-${new Date().getUTCFullYear()}-${String(randomInt(0, 1_000_000)).padStart(6, "0")}`,
    items,
    totalCents: items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0),
    currency: "EUR",
    approvalLimitCents: DEMO_APPROVAL_LIMIT_CENTS,
    deliveryAddress: ["Beispiel GmbH", "Wareneingang Tor 3", "Hafenstraße 12", "20457 Hamburg"],
  };
}

/** Checks the details once more; the order itself is fictional, so there is nothing else to do. */
export const executeOrderApproval: TransactionExecutor = async (_tx, _userId, details) => {
  OrderApprovalDetailsSchema.parse(details);
};
