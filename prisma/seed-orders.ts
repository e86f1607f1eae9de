/**
 * The demo customer's past orders (PRODUCT: orders come from the shop): written as rows, like the
 * rest of the seed, in the state the ingest API would leave them in — delivered by DHL, the
 * parcel's events mapped by the carrier table, the invoice attached. Live orders come from
 * `npm run demo:shop`, through the real API.
 */
import { createHash } from "node:crypto";
import { statusForCarrierCode } from "../lib/config/orders";
import type { Db } from "../lib/db/prisma-client";
import { DEMO_ADDRESS, DEMO_PARCEL_STEPS, demoInvoicePdf, demoTotals, pastDemoOrders } from "./demo-orders";

const HOUR = 3_600_000;

export async function seedDemoOrders(db: Db, userId: string, now: Date = new Date()): Promise<number> {
  const orders = pastDemoOrders(now);
  for (const [index, order] of orders.entries()) {
    const totals = demoTotals(order);
    const dispatchedAt = order.placedAt.getTime() + 20 * HOUR;
    const invoice = new Uint8Array(await demoInvoicePdf(order));
    await db.order.create({
      data: {
        shopOrderId: order.shopOrderId,
        userId,
        status: "DELIVERED",
        shopStatus: "ORDERED",
        currency: "EUR",
        ...totals,
        paymentMethod: order.payment.method,
        paymentLast4: order.payment.last4 ?? null,
        billingAddress: DEMO_ADDRESS,
        shippingAddress: DEMO_ADDRESS,
        placedAt: order.placedAt,
        items: {
          create: order.items.map((item, position) => ({
            position,
            ...item,
            totalMinor: item.quantity * item.unitPriceMinor,
          })),
        },
        shipments: {
          create: {
            carrier: "DHL",
            trackingNumber: `00340434161094${String(index).padStart(6, "0")}`,
            status: "DELIVERED",
            events: {
              create: DEMO_PARCEL_STEPS.map((step) => ({
                status: statusForCarrierCode("DHL", step.code)!,
                carrierCode: step.code,
                place: step.place,
                eventAt: new Date(dispatchedAt + step.hours * HOUR),
              })),
            },
          },
        },
        documents: {
          create: {
            kind: "invoice",
            content: invoice,
            sha256: createHash("sha256").update(invoice).digest("hex"),
            sizeBytes: invoice.byteLength,
          },
        },
      },
    });
  }
  return orders.length;
}
