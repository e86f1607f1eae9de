/**
 * Parcels, carrier events and documents of an order through the real /api/v1 handlers on SQLite
 * and PostgreSQL (docs/decisions/0060): out-of-order events end in the status of the latest event
 * by eventAt, carrier codes map onto the one status set, PDFs are stored with their SHA-256 (not a
 * PDF → 415, too large → 413), and another customer never sees the order or its document.
 */
import { createHash } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { PUT as putDocument } from "@/app/api/v1/orders/[shopOrderId]/documents/[kind]/route";
import { POST as postShipment } from "@/app/api/v1/orders/[shopOrderId]/shipments/route";
import { POST as postEvent } from "@/app/api/v1/shipments/[id]/events/route";
import { ORDER_DOCUMENT_MAX_BYTES } from "@/lib/config/orders";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { customerOrder, listCustomerOrders } from "@/lib/server/orders/customer-orders";
import { orderDocumentForOwner } from "@/lib/server/orders/documents";
import { createCustomer } from "../support/customers";
import { apiKey } from "../support/marketing";
import { orderBody, putOrderCall, shopOrderNumber, tinyPdf, write } from "../support/orders";

const db = createPrismaClient();
afterAll(() => db.$disconnect());

async function orderWithParcel(carrier: "DHL" | "UPS" = "DHL") {
  const customer = await createCustomer(db, { proven: true });
  const { key } = await apiKey(db, ["orders:write"]);
  const number = shopOrderNumber();
  const order = await putOrderCall(key, number, orderBody({ id: customer.id }));
  const shipment = await write(postShipment, {
    method: "POST",
    url: `/api/v1/orders/${number}/shipments`,
    params: { shopOrderId: number },
    key,
    body: {
      carrier,
      trackingNumber: `00340434${Date.now()}${Math.floor(Math.random() * 1000)}`.slice(0, 30),
    },
  });
  expect(shipment.status).toBe(201);
  const event = (code: string, eventAt: string, idempotencyKey?: string) =>
    write(postEvent, {
      method: "POST",
      url: `/api/v1/shipments/${shipment.body.id as string}/events`,
      params: { id: shipment.body.id as string },
      key,
      body: { code, eventAt, place: "Berlin" },
      idempotencyKey,
    });
  return { customer, key, number, orderId: order.body.id as string, shipment: shipment.body, event };
}

describe("shipments and their events", () => {
  it("[SHOP] out-of-order events end in the status of the latest event by eventAt", async () => {
    const { event, orderId, shipment } = await orderWithParcel();
    expect(shipment).toMatchObject({
      status: "SHIPPED",
      trackingUrl: expect.stringContaining("dhl.de") as string,
    });
    const delivered = await event("delivered", "2026-12-03T14:00:00Z");
    expect(delivered.status).toBe(201);
    expect(delivered.body).toMatchObject({
      status: "DELIVERED",
      shipmentStatus: "DELIVERED",
      orderStatus: "DELIVERED",
    });
    // Older scans arrive late: they join the timeline but do not move the status back.
    const late = await event("transit", "2026-12-02T08:00:00Z");
    expect(late.body).toMatchObject({
      status: "IN_TRANSIT",
      shipmentStatus: "DELIVERED",
      orderStatus: "DELIVERED",
    });
    await event("out-for-delivery", "2026-12-03T07:00:00Z");
    const order = await db.order.findUniqueOrThrow({ where: { id: orderId }, include: { shipments: true } });
    expect(order.status).toBe("DELIVERED");
    expect(order.shipments[0]!.status).toBe("DELIVERED");
    expect(await db.shipmentEvent.count({ where: { shipmentId: shipment.id as string } })).toBe(3);
  });

  it("[SHOP] a repeated event is kept once, and a code the carrier table lacks is refused", async () => {
    const { event, shipment } = await orderWithParcel("UPS");
    expect((await event("I", "2026-12-02T08:00:00Z")).status).toBe(201);
    const again = await event("I", "2026-12-02T08:00:00Z");
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: "IN_TRANSIT" });
    const unknown = await event("transit", "2026-12-02T09:00:00Z"); // DHL's word, not UPS's
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: "VALIDATION_FAILED", errors: [{ path: "code" }] });
    expect(await db.shipmentEvent.count({ where: { shipmentId: shipment.id as string } })).toBe(1);
  });

  it("[ATTACKER] another customer never sees the order, its parcels or its document", async () => {
    const { key, number, orderId, customer } = await orderWithParcel();
    const stranger = await createCustomer(db, { proven: true });
    const pdf = tinyPdf();
    const upload = await write(putDocument, {
      method: "PUT",
      url: `/api/v1/orders/${number}/documents/invoice`,
      params: { shopOrderId: number, kind: "invoice" },
      key,
      body: pdf,
      contentType: "application/pdf",
    });
    expect(upload.status).toBe(201);
    expect(await customerOrder({ userId: customer.id, orderId })).not.toBeNull();
    expect(await customerOrder({ userId: stranger.id, orderId })).toBeNull();
    expect((await listCustomerOrders({ userId: stranger.id, page: 1 })).total).toBe(0);
    expect((await listCustomerOrders({ userId: customer.id, page: 1 })).orders.map((o) => o.id)).toEqual([
      orderId,
    ]);
    expect(await orderDocumentForOwner({ userId: stranger.id, orderId, kind: "invoice" })).toBeNull();
    const own = await orderDocumentForOwner({ userId: customer.id, orderId, kind: "invoice" });
    expect(Buffer.from(own!.content).equals(Buffer.from(pdf))).toBe(true);
  });
});

describe("PUT /api/v1/orders/{shopOrderId}/documents/{kind}", () => {
  const upload = (key: string, number: string, body: Uint8Array, contentType = "application/pdf") =>
    write(putDocument, {
      method: "PUT",
      url: `/api/v1/orders/${number}/documents/invoice`,
      params: { shopOrderId: number, kind: "invoice" },
      key,
      body,
      contentType,
    });

  it("[SHOP] stores the PDF with its SHA-256 and size; a new upload replaces it", async () => {
    const { key, number, orderId } = await orderWithParcel();
    const first = await upload(key, number, tinyPdf("eins"));
    const second = await upload(key, number, tinyPdf("zwei"));
    expect([first.status, second.status]).toEqual([201, 200]);
    const expected = createHash("sha256").update(tinyPdf("zwei")).digest("hex");
    expect(second.body).toMatchObject({
      kind: "invoice",
      sha256: expected,
      sizeBytes: tinyPdf("zwei").byteLength,
    });
    expect(await db.orderDocument.count({ where: { orderId } })).toBe(1);
  });

  it("[ATTACKER] refuses a body that is not a PDF (415), a wrong type (415) and one over the limit (413)", async () => {
    const { key, number, orderId } = await orderWithParcel();
    const html = new TextEncoder().encode("<html><script>alert(1)</script></html>");
    expect((await upload(key, number, html)).body.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect((await upload(key, number, tinyPdf(), "text/html")).status).toBe(415);
    const huge = new Uint8Array(ORDER_DOCUMENT_MAX_BYTES + 1);
    huge.set(tinyPdf());
    const tooLarge = await upload(key, number, huge);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.code).toBe("PAYLOAD_TOO_LARGE");
    expect(await db.orderDocument.count({ where: { orderId } })).toBe(0);
  });
});
