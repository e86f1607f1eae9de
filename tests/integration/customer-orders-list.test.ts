/**
 * The customer's order list (lib/server/orders/customer-orders.ts) counts each order's items for the
 * page's orders only (decision 0071), not with a GROUP BY over every customer's items: the right
 * number per order and nothing of another customer's orders. Runs on SQLite and PostgreSQL.
 */
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { listCustomerOrders } from "@/lib/server/orders/customer-orders";
import { createCustomer, unique } from "../support/customers";

const db = createPrismaClient();
afterAll(() => db.$disconnect());

async function orderWith(userId: string, items: number, placedAt: Date): Promise<string> {
  const order = await db.order.create({
    data: {
      shopOrderId: `SO-${unique()}`,
      userId,
      status: "ORDERED",
      shopStatus: "ORDERED",
      currency: "EUR",
      subtotalMinor: 100 * items,
      shippingMinor: 0,
      taxMinor: 0,
      totalMinor: 100 * items,
      paymentMethod: "card",
      billingAddress: {},
      shippingAddress: {},
      placedAt,
      items: {
        create: Array.from({ length: items }, (_, i) => ({
          position: i + 1,
          sku: `SKU-${i}`,
          name: `Artikel ${i}`,
          quantity: 1,
          unitPriceMinor: 100,
          totalMinor: 100,
        })),
      },
    },
  });
  return order.id;
}

describe("the customer's order list", () => {
  it("counts each order's own items, newest first, and nothing of another customer's", async () => {
    const customer = await createCustomer(db, { proven: true });
    const stranger = await createCustomer(db, { proven: true });
    const older = await orderWith(customer.id, 3, new Date("2026-11-01T10:00:00Z"));
    const newer = await orderWith(customer.id, 1, new Date("2026-12-01T10:00:00Z"));
    await orderWith(stranger.id, 5, new Date("2026-11-15T10:00:00Z"));

    const { orders, total } = await listCustomerOrders({ userId: customer.id, page: 1 }, { tx: db });
    expect(total).toBe(2);
    expect(orders.map((o) => [o.id, o.itemCount])).toEqual([
      [newer, 1],
      [older, 3],
    ]);
  });

  it("answers an empty list for a customer without orders", async () => {
    const nobody = await createCustomer(db, { proven: true });
    expect(await listCustomerOrders({ userId: nobody.id, page: 1 }, { tx: db })).toEqual({
      orders: [],
      total: 0,
      pages: 1,
    });
  });
});
