/**
 * The demo shop (issue 14 "Demo feed"), on SQLite and PostgreSQL: the seed's past orders are what
 * the customer's order list reads, each with a real invoice PDF; `npm run demo:shop` plays its live
 * order through the real order API handlers to "delivered", invoice attached.
 */
import { PDFDocument } from "pdf-lib";
import { afterAll, describe, expect, it } from "vitest";
import { PUT as putDocument } from "@/app/api/v1/orders/[shopOrderId]/documents/[kind]/route";
import { PUT as putOrder } from "@/app/api/v1/orders/[shopOrderId]/route";
import { POST as postShipment } from "@/app/api/v1/orders/[shopOrderId]/shipments/route";
import { POST as postEvent } from "@/app/api/v1/shipments/[id]/events/route";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { listCustomerOrders } from "@/lib/server/orders/customer-orders";
import { pastDemoOrders } from "../../prisma/demo-orders";
import { seedDemoOrders } from "../../prisma/seed-orders";
import { playDemoShop, type Send } from "../../scripts/demo-shop/play";
import { createCustomer } from "../support/customers";
import { apiKey } from "../support/marketing";
import { write } from "../support/orders";

const db = createPrismaClient();
afterAll(() => db.$disconnect());

/** The route handler for a path of the order API, with its parameters. */
function route(path: string) {
  const [, , , resource, id, sub, kind] = path.split("/");
  if (resource === "shipments") return { handler: postEvent, params: { id: id! } };
  if (sub === "shipments") return { handler: postShipment, params: { shopOrderId: id! } };
  if (sub === "documents") return { handler: putDocument, params: { shopOrderId: id!, kind: kind! } };
  return { handler: putOrder, params: { shopOrderId: id! } };
}

describe("the demo shop", () => {
  it("[DEMO] the seed gives the customer past orders, delivered, each with an invoice PDF", async () => {
    const customer = await createCustomer(db, { proven: true });
    const numbers = pastDemoOrders(new Date()).map((o) => o.shopOrderId);
    await db.order.deleteMany({ where: { shopOrderId: { in: numbers } } }); // an earlier run's

    expect(await seedDemoOrders(db, customer.id)).toBe(2);

    const { orders } = await listCustomerOrders({ userId: customer.id, page: 1 }, { tx: db });
    expect(orders.map((o) => [o.shopOrderId, o.status])).toEqual([
      ["DEMO-1002", "DELIVERED"],
      ["DEMO-1001", "DELIVERED"],
    ]);
    for (const number of numbers) {
      const document = await db.orderDocument.findFirstOrThrow({
        where: { kind: "invoice", order: { shopOrderId: number } },
      });
      const pdf = await PDFDocument.load(document.content);
      expect(pdf.getPageCount()).toBe(1);
      expect(pdf.getTitle()).toBe(`Rechnung ${number}`);
    }
  });

  it("[DEMO] npm run demo:shop plays an order through the order API to delivered, invoice attached", async () => {
    const customer = await createCustomer(db, { proven: true });
    const { key } = await apiKey(db, ["orders:write"]);
    const calls: string[] = [];
    const send: Send = async ({ method, path, body, contentType, idempotencyKey }) => {
      calls.push(`${method} ${path.replace(/\/[^/]+$/, "/…")}`);
      const { handler, params } = route(path);
      const answer = await write(handler as Parameters<typeof write>[0], {
        method,
        url: path,
        params,
        key,
        body,
        contentType,
        idempotencyKey,
      });
      return { status: answer.status, body: answer.body };
    };
    // A moment of its own, so its order number and tracking number are its own too.
    const now = new Date(Date.UTC(2030, 0, 1) + Math.floor(Math.random() * 1e10));

    const shopOrderId = await playDemoShop({
      send,
      customerEmail: customer.email,
      pause: async () => {},
      now,
    });

    const order = await db.order.findUniqueOrThrow({
      where: { shopOrderId },
      include: { shipments: { include: { events: true } }, documents: true },
    });
    expect(order.userId).toBe(customer.id);
    expect(order.status).toBe("DELIVERED");
    expect(order.shipments[0]!.events.map((e) => e.status).sort()).toEqual(
      ["DELIVERED", "IN_TRANSIT", "OUT_FOR_DELIVERY", "SHIPPED"].sort(),
    );
    expect(order.documents.map((d) => d.kind)).toEqual(["invoice"]);
    expect((await PDFDocument.load(order.documents[0]!.content)).getTitle()).toBe(`Rechnung ${shopOrderId}`);
    expect(calls).toHaveLength(7); // order, shipment, four events, invoice
  });
});
