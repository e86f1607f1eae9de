/**
 * Orders through the real /api/v1 handlers, for the order API tests: a PUT/POST with a JSON or PDF
 * body, an order body the shop would send, and a minimal valid PDF.
 */
import { PUT as putOrder } from "@/app/api/v1/orders/[shopOrderId]/route";
import type { PutOrderInput } from "@/lib/schemas/orders";
import { unique } from "./customers";

type Handler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

export type ApiAnswer = { status: number; headers: Headers; body: Record<string, unknown> };

export async function write<P>(
  handler: Handler<P>,
  opts: {
    method: "PUT" | "POST";
    url: string;
    params: P;
    key: string;
    body: unknown;
    idempotencyKey?: string;
    contentType?: string;
  },
): Promise<ApiAnswer> {
  const raw = opts.body instanceof Uint8Array ? opts.body : JSON.stringify(opts.body);
  const request = new Request(`http://localhost${opts.url}`, {
    method: opts.method,
    headers: {
      authorization: `Bearer ${opts.key}`,
      "user-agent": "vitest",
      "content-type": opts.contentType ?? "application/json",
      ...(opts.idempotencyKey ? { "idempotency-key": opts.idempotencyKey } : {}),
    },
    body: raw as BodyInit,
  });
  const response = await handler(request, { params: Promise.resolve(opts.params) });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

export const shopOrderNumber = () => `SO-${unique().replace(/[^A-Za-z0-9]/g, "")}`;

export function orderBody(
  customer: PutOrderInput["customer"],
  overrides: Partial<PutOrderInput> = {},
): PutOrderInput {
  const address = {
    name: "Erika Mustermann",
    street: "Hauptstraße 1",
    postalCode: "10115",
    city: "Berlin",
    country: "DE",
  };
  return {
    customer,
    status: "ORDERED",
    placedAt: "2026-12-01T09:30:00+01:00",
    currency: "EUR",
    items: [{ sku: "TSH-42", name: "T-Shirt", quantity: 2, unitPriceMinor: 1999, totalMinor: 3998 }],
    totals: { subtotalMinor: 3998, shippingMinor: 495, taxMinor: 717, totalMinor: 4493 },
    payment: { method: "card", last4: "4242" },
    billingAddress: address,
    shippingAddress: address,
    ...overrides,
  };
}

export function putOrderCall(key: string, shopOrderId: string, body: unknown, idempotencyKey?: string) {
  return write(putOrder, {
    method: "PUT",
    url: `/api/v1/orders/${shopOrderId}`,
    params: { shopOrderId },
    key,
    body,
    idempotencyKey,
  });
}

/** The smallest well-formed PDF worth the name (one empty page). */
export function tinyPdf(text = "Rechnung"): Uint8Array {
  const body = `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`;
  return new TextEncoder().encode(body);
}
