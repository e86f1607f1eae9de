/**
 * Service notices about orders (docs/decisions/0067) through the real /api/v1 handlers, on SQLite
 * and PostgreSQL, with a real SMTP sink and the local push service: shipped and delivered reach the
 * customer by mail and push in their language, with the link to the order; a replayed or older
 * event and a replaced invoice notify nobody; a channel switched off stays silent.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PUT as putDocument } from "@/app/api/v1/orders/[shopOrderId]/documents/[kind]/route";
import { POST as postShipment } from "@/app/api/v1/orders/[shopOrderId]/shipments/route";
import { POST as postEvent } from "@/app/api/v1/shipments/[id]/events/route";
import { getEnv } from "@/lib/env";
import { customerActor } from "@/lib/server/actor";
import { updateServiceNotices } from "@/lib/server/communication/service-notices";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";
import { createCustomer } from "../support/customers";
import { apiKey } from "../support/marketing";
import { orderBody, putOrderCall, shopOrderNumber, tinyPdf, write } from "../support/orders";
import { db, push, startPush, stopPush, subscribe } from "../support/push";

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
  // Before lib/env is first read (lazily, by the first request), so the mails go to the sink.
  process.env.SMTP_URL = sink.url;
  await startPush();
});
afterAll(async () => {
  await stopPush();
  await sink.stop();
});

/** Background sends settle within moments; a notice that must not come gets this long too. */
const QUIET_MS = 1500;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(read: () => T, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (done(value) || Date.now() > end) return value;
    await pause(50);
  }
}

async function customerWithDevice(locale: "de" | "en") {
  const customer = await createCustomer(db, { proven: true });
  await db.user.update({ where: { id: customer.id }, data: { locale } });
  const device = await subscribe(customerActor(customer.id, null, "no-session"));
  const { key } = await apiKey(db, ["orders:write"]);
  const number = shopOrderNumber();
  const order = await putOrderCall(key, number, orderBody({ id: customer.id }));
  expect(order.status).toBe(201);
  const shipment = await write(postShipment, {
    method: "POST",
    url: `/api/v1/orders/${number}/shipments`,
    params: { shopOrderId: number },
    key,
    body: { carrier: "DHL", trackingNumber: `JJD${Date.now()}${Math.floor(Math.random() * 1e6)}` },
  });
  const shipmentId = shipment.body.id as string;
  const event = (code: string, eventAt: string) =>
    write(postEvent, {
      method: "POST",
      url: `/api/v1/shipments/${shipmentId}/events`,
      params: { id: shipmentId },
      key,
      body: { code, eventAt, place: "Berlin" },
    });
  const invoice = () =>
    write(putDocument, {
      method: "PUT",
      url: `/api/v1/orders/${number}/documents/invoice`,
      params: { shopOrderId: number, kind: "invoice" },
      key,
      body: tinyPdf(),
      contentType: "application/pdf",
    });
  const pushes = () => push.received(device.id).map((p) => JSON.parse(p.plaintext) as Record<string, string>);
  const mails = () => sink.messages().filter((mail) => mail.to.includes(customer.email));
  const orderId = order.body.id as string;
  return { customer, number, orderId, event, invoice, pushes, mails };
}

describe("order notices", () => {
  it("[CUSTOMER] is told by mail and push when the order ships and when it is delivered, once each", async () => {
    const c = await customerWithDevice("de");
    expect((await c.event("pre-transit", "2026-12-02T08:00:00Z")).status).toBe(201);
    const link = `${getEnv().appUrl}/account/orders/${c.orderId}`;
    expect((await until(c.pushes, (p) => p.length === 1))[0]).toEqual({
      title: "Ihre Bestellung ist unterwegs",
      body: `Bestellung ${c.number} wurde verschickt. Tippen Sie hier, um die Sendung zu verfolgen.`,
      url: `/account/orders/${c.orderId}`,
    });
    const shipped = await sink.waitForMail((m) => m.to.includes(c.customer.email));
    expect(shipped.subject).toBe(`Ihre Bestellung ${c.number} ist unterwegs`);
    expect(shipped.text).toContain(link);

    expect((await c.event("delivered", "2026-12-03T14:00:00Z")).status).toBe(201);
    expect((await until(c.pushes, (p) => p.length === 2))[1]?.title).toBe("Ihre Bestellung wurde zugestellt");
    expect((await until(c.mails, (m) => m.length === 2))[1]?.subject).toBe(
      `Ihre Bestellung ${c.number} wurde zugestellt`,
    );

    // [ATTACKER] the same event replayed, and a late scan older than the delivery: no new notice.
    expect((await c.event("delivered", "2026-12-03T14:00:00Z")).status).toBe(200);
    const late = await c.event("out-for-delivery", "2026-12-03T09:00:00Z");
    expect(late.body).toMatchObject({ orderStatus: "DELIVERED" });
    await pause(QUIET_MS);
    expect(c.pushes()).toHaveLength(2);
    expect(c.mails()).toHaveLength(2);
    const notices = await db.orderNotice.findMany({
      where: { orderId: c.orderId },
      orderBy: { kind: "asc" },
    });
    expect(notices.map((n) => n.kind)).toEqual(["DELIVERED", "SHIPPED"]);
  });

  it("[CUSTOMER] in English is told of the first invoice, not of its replacement", async () => {
    const c = await customerWithDevice("en");
    expect((await c.invoice()).status).toBe(201);
    expect((await until(c.pushes, (p) => p.length === 1))[0]).toEqual({
      title: "New invoice",
      body: `The invoice for order ${c.number} is ready in your customer account.`,
      url: `/account/orders/${c.orderId}`,
    });
    const mail = await sink.waitForMail((m) => m.to.includes(c.customer.email));
    expect(mail.subject).toBe(`Your invoice for order ${c.number}`);
    expect((await c.invoice()).status).toBe(200);
    await pause(QUIET_MS);
    expect(c.pushes()).toHaveLength(1);
    expect(c.mails()).toHaveLength(1);
  });

  it("[CUSTOMER] with a channel switched off gets nothing by it", async () => {
    const silent = await customerWithDevice("de");
    await updateServiceNotices(
      {
        actor: customerActor(silent.customer.id),
        userId: silent.customer.id,
        settings: { email: false, push: false },
      },
      { tx: db },
    );
    const mailOnly = await customerWithDevice("de");
    await updateServiceNotices(
      {
        actor: customerActor(mailOnly.customer.id),
        userId: mailOnly.customer.id,
        settings: { email: true, push: false },
      },
      { tx: db },
    );
    expect((await silent.event("delivered", "2026-12-03T14:00:00Z")).status).toBe(201);
    expect((await mailOnly.event("delivered", "2026-12-03T14:00:00Z")).status).toBe(201);
    const mail = await sink.waitForMail((m) => m.to.includes(mailOnly.customer.email));
    expect(mail.subject).toBe(`Ihre Bestellung ${mailOnly.number} wurde zugestellt`);
    await pause(QUIET_MS);
    expect(mailOnly.pushes()).toEqual([]);
    expect(silent.pushes()).toEqual([]);
    expect(silent.mails()).toEqual([]);
  });

  it("[SHOP] gets its answer even when the customer's push service is gone", async () => {
    const c = await customerWithDevice("de");
    const device = await db.pushSubscription.findFirstOrThrow({ where: { userId: c.customer.id } });
    await db.pushSubscription.update({
      where: { id: device.id },
      data: { endpoint: `${device.endpoint}-unreachable`.replace(/^http:\/\/[^/]+/, "http://127.0.0.1:9") },
    });
    const answer = await c.event("failure", "2026-12-03T14:00:00Z");
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ orderStatus: "PROBLEM" });
    const mail = await sink.waitForMail((m) => m.to.includes(c.customer.email));
    expect(mail.subject).toBe(`Problem bei der Zustellung von Bestellung ${c.number}`);
  });
});
