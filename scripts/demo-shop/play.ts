/**
 * What `npm run demo:shop` does, step by step, through the portal's order API only: it places the
 * live demo order, ships it with DHL, forwards the parcel's events one by one with a pause
 * between them (so a newcomer watches /account/orders change), and uploads the invoice. The
 * transport is passed in: HTTP against a running portal (scripts/demo-shop.ts), or the route
 * handlers themselves in the tests.
 */
import { randomUUID } from "node:crypto";
import {
  DEMO_ADDRESS,
  DEMO_PARCEL_STEPS,
  demoInvoicePdf,
  demoTotals,
  liveDemoOrder,
} from "../../prisma/demo-orders";

export type ApiCall = {
  method: "PUT" | "POST";
  path: string;
  body: unknown;
  contentType: "application/json" | "application/pdf";
  idempotencyKey: string;
};
export type Send = (call: ApiCall) => Promise<{ status: number; body: Record<string, unknown> }>;

export type PlayOptions = {
  send: Send;
  customerEmail: string;
  /** Waits between two parcel steps; the tests pass a no-op. */
  pause: () => Promise<void>;
  log?: (line: string) => void;
  now?: Date;
};

async function call(send: Send, request: Omit<ApiCall, "idempotencyKey">) {
  const answer = await send({ ...request, idempotencyKey: randomUUID() });
  if (answer.status >= 300) {
    throw new Error(
      `${request.method} ${request.path} answered ${answer.status}: ${JSON.stringify(answer.body)}`,
    );
  }
  return answer.body;
}

/** Plays the live order; returns the shop's order number. */
export async function playDemoShop({
  send,
  customerEmail,
  pause,
  log = () => {},
  now = new Date(),
}: PlayOptions) {
  const order = liveDemoOrder(now);
  const path = `/api/v1/orders/${order.shopOrderId}`;
  await call(send, {
    method: "PUT",
    path,
    contentType: "application/json",
    body: {
      customer: { email: customerEmail },
      status: "ORDERED",
      placedAt: order.placedAt.toISOString(),
      currency: "EUR",
      items: order.items.map((item) => ({ ...item, totalMinor: item.quantity * item.unitPriceMinor })),
      totals: demoTotals(order),
      payment: order.payment,
      billingAddress: DEMO_ADDRESS,
      shippingAddress: DEMO_ADDRESS,
    },
  });
  log(`order ${order.shopOrderId} placed for ${customerEmail}`);
  await pause();
  const shipment = await call(send, {
    method: "POST",
    path: `${path}/shipments`,
    contentType: "application/json",
    body: { carrier: "DHL", trackingNumber: `0034043416${now.getTime().toString().slice(-10)}` },
  });
  // Each event a second after the last at least, so the order of events is clear without pauses.
  let at = 0;
  for (const step of DEMO_PARCEL_STEPS) {
    at = Math.max(Date.now(), at + 1000);
    await call(send, {
      method: "POST",
      path: `/api/v1/shipments/${String(shipment.id)}/events`,
      contentType: "application/json",
      body: { code: step.code, eventAt: new Date(at).toISOString(), place: step.place },
    });
    log(`parcel: ${step.code} (${step.place})`);
    if (step.code === "out-for-delivery") {
      await call(send, {
        method: "PUT",
        path: `${path}/documents/invoice`,
        contentType: "application/pdf",
        body: await demoInvoicePdf(order),
      });
      log("invoice uploaded");
    }
    if (step.code !== "delivered") await pause();
  }
  return order.shopOrderId;
}
