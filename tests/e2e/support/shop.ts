/**
 * The shop's side of orders in E2E specs (docs/decisions/0060, 0066): an order, its parcels, the
 * carrier's events and its invoice through the real /api/v1 with an orders:write key, as the shop
 * would send them, and a small valid PDF to upload.
 */
import { randomBytes } from "node:crypto";
import { expect, type APIRequestContext } from "@playwright/test";

const auth = (key: string) => ({
  Authorization: `Bearer ${key}`,
  "Idempotency-Key": `e2e-${randomBytes(8).toString("hex")}`,
});

export const shopOrderNumber = () => `SO-${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;

export const ORDER_ADDRESS = {
  name: "Erika Mustermann",
  street: "Heidestraße 17",
  postalCode: "51147",
  city: "Köln",
  country: "DE",
};

/** PUT /api/v1/orders/{shopOrderId}: two chairs and a desk, paid by card; answers the portal's id. */
export async function putOrder(
  request: APIRequestContext,
  key: string,
  customerId: string,
  opts: { shopOrderId?: string; placedAt?: Date } = {},
): Promise<{ id: string; shopOrderId: string }> {
  const shopOrderId = opts.shopOrderId ?? shopOrderNumber();
  const response = await request.put(`/api/v1/orders/${shopOrderId}`, {
    headers: auth(key),
    data: {
      customer: { id: customerId },
      placedAt: (opts.placedAt ?? new Date()).toISOString(),
      currency: "EUR",
      items: [
        { sku: "CH-1", name: "Bürostuhl ErgoPlus", quantity: 2, unitPriceMinor: 29_900, totalMinor: 59_800 },
        { sku: "DS-1", name: "Schreibtisch Eiche", quantity: 1, unitPriceMinor: 35_200, totalMinor: 35_200 },
      ],
      totals: { subtotalMinor: 95_000, shippingMinor: 0, taxMinor: 15_168, totalMinor: 95_000 },
      payment: { method: "card", last4: "4242" },
      billingAddress: ORDER_ADDRESS,
      shippingAddress: ORDER_ADDRESS,
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return { id: ((await response.json()) as { id: string }).id, shopOrderId };
}

/** POST …/shipments: a parcel; answers its id. */
export async function addShipment(
  request: APIRequestContext,
  key: string,
  shopOrderId: string,
  trackingNumber = `00340434${randomBytes(6).toString("hex")}`,
): Promise<{ id: string; trackingNumber: string }> {
  const response = await request.post(`/api/v1/orders/${shopOrderId}/shipments`, {
    headers: auth(key),
    data: { carrier: "DHL", trackingNumber },
  });
  expect(response.status(), await response.text()).toBe(201);
  return { id: ((await response.json()) as { id: string }).id, trackingNumber };
}

/** POST /api/v1/shipments/{id}/events: one of the carrier's events (DHL codes). */
export async function postEvent(
  request: APIRequestContext,
  key: string,
  shipmentId: string,
  event: { code: string; eventAt: Date; place?: string },
): Promise<void> {
  const response = await request.post(`/api/v1/shipments/${shipmentId}/events`, {
    headers: auth(key),
    data: { ...event, eventAt: event.eventAt.toISOString() },
  });
  expect(response.status(), await response.text()).toBe(201);
}

/** PUT …/documents/invoice with the PDF as the raw body. */
export async function putInvoice(
  request: APIRequestContext,
  key: string,
  shopOrderId: string,
  pdf: Buffer,
): Promise<void> {
  const response = await request.put(`/api/v1/orders/${shopOrderId}/documents/invoice`, {
    headers: { ...auth(key), "Content-Type": "application/pdf" },
    data: pdf,
  });
  expect(response.status(), await response.text()).toBe(201);
}

/**
 * A one-page PDF with a line of text, written by hand (no PDF library in the stack): objects,
 * a cross-reference table with the real byte offsets and a trailer, so any reader opens it.
 */
export function invoicePdf(text: string): Buffer {
  const line = text.replace(/[()\\]/g, "");
  const stream = `BT /F1 14 Tf 72 770 Td (${line}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let pdf = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(pdf.length);
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, "latin1");
}
