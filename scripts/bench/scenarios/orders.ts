/**
 * Scenario 9 (issue 14 Done-when 5): one customer with 500 orders from the shop. /account/orders
 * (the first page of 20, newest first, with the count for the pager) and the detail of the newest
 * order (items, a parcel with its timeline, an invoice) under the same autocannon load as
 * scenario 4, all requests with that customer's session. Orders are seeded straight into the
 * database like the customers (bulk-insert.ts), in the shapes the ingest API writes.
 */
import { bulkTarget, type Value } from "../bulk-insert";
import { customer } from "../customers";
import type { Portal } from "../portal";
import { benchPage, type PageResult } from "./pages";

export type OrdersResult = { orders: number; pages: PageResult[] };

const HOUR = 3_600_000;
/** Matches OrderIdSchema (lowercase letters and digits, 20–40): the pages take it as a real id. */
const orderId = (n: number) => `benchorder${String(n).padStart(12, "0")}`;

async function seedOrders(databaseUrl: string, userId: string, count: number): Promise<void> {
  const now = Date.now();
  const address = {
    json: {
      name: "Erika Mustermann",
      street: "Heidestraße 17",
      postalCode: "51147",
      city: "Köln",
      country: "DE",
    },
  };
  const orders: Value[][] = [];
  const items: Value[][] = [];
  for (let n = 0; n < count; n++) {
    const placed = new Date(now - n * 24 * HOUR);
    orders.push([
      orderId(n),
      `BENCH-${n}`,
      userId,
      "DELIVERED",
      "ORDERED",
      "EUR",
      9_500,
      495,
      1_596,
      9_995,
      "card",
      "4242",
      address,
      address,
      placed,
      placed,
      placed,
    ]);
    for (let p = 0; p < 3; p++)
      items.push([
        `${orderId(n)}i${p}`,
        orderId(n),
        p,
        `SKU-${p}`,
        `Artikel ${p + 1}`,
        1,
        3_000 + p * 250,
        3_000 + p * 250,
      ]);
  }
  const newest = orderId(0);
  const shipment = [
    [`${newest}s`, newest, "DHL", "00340434161094042557", "DELIVERED", new Date(now), new Date(now)],
  ];
  const codes: [string, string][] = [
    ["pre-transit", "SHIPPED"],
    ["transit", "IN_TRANSIT"],
    ["out-for-delivery", "OUT_FOR_DELIVERY"],
    ["delivered", "DELIVERED"],
  ];
  const events = codes.map(([code, status], k) => [
    `${newest}e${k}`,
    `${newest}s`,
    status,
    code,
    new Date(now - (4 - k) * HOUR),
    "Köln",
    new Date(now),
  ]);
  const pdf = new TextEncoder().encode("%PDF-1.4\n% bench invoice\n%%EOF\n");
  const target = await bulkTarget(databaseUrl);
  try {
    await target.transaction(async () => {
      await target.insert({
        table: "Order",
        columns: [
          "id",
          "shopOrderId",
          "userId",
          "status",
          "shopStatus",
          "currency",
          "subtotalMinor",
          "shippingMinor",
          "taxMinor",
          "totalMinor",
          "paymentMethod",
          "paymentLast4",
          "billingAddress",
          "shippingAddress",
          "placedAt",
          "createdAt",
          "updatedAt",
        ],
        rows: orders,
      });
      await target.insert({
        table: "OrderItem",
        columns: ["id", "orderId", "position", "sku", "name", "quantity", "unitPriceMinor", "totalMinor"],
        rows: items,
      });
      await target.insert({
        table: "Shipment",
        columns: ["id", "orderId", "carrier", "trackingNumber", "status", "createdAt", "updatedAt"],
        rows: shipment,
      });
      await target.insert({
        table: "ShipmentEvent",
        columns: ["id", "shipmentId", "status", "carrierCode", "eventAt", "place", "createdAt"],
        rows: events,
      });
      await target.insert({
        table: "OrderDocument",
        columns: ["id", "orderId", "kind", "content", "sha256", "sizeBytes", "createdAt", "updatedAt"],
        rows: [
          [
            `${newest}d`,
            newest,
            "invoice",
            pdf,
            "0".repeat(64),
            pdf.byteLength,
            new Date(now),
            new Date(now),
          ],
        ],
      });
    });
  } finally {
    await target.close();
  }
}

export async function benchOrders(
  portal: Portal,
  databaseUrl: string,
  opts: { customerIndex: number; orders: number; concurrencies: number[]; runs: number; seconds: number },
): Promise<OrdersResult> {
  await seedOrders(databaseUrl, customer.userId(opts.customerIndex), opts.orders);
  const common = {
    concurrencies: opts.concurrencies,
    runs: opts.runs,
    seconds: opts.seconds,
    customers: [opts.customerIndex],
  };
  return {
    orders: opts.orders,
    pages: [
      await benchPage(portal, "/account/orders", common),
      await benchPage(portal, `/account/orders/${orderId(0)}`, common),
    ],
  };
}
