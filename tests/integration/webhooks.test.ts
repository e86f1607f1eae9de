/**
 * Webhooks (docs/decisions/0047) on SQLite and PostgreSQL: a withdrawal reaches a receiver as
 * consent.withdrawn signed in the Standard Webhooks format; a receiver that is down gets the event
 * again with back-off once it is back; two workers deliver each event once; a forged or altered
 * delivery fails verification; endpoints only get the events they chose.
 */
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { WEBHOOK_POLICY } from "@/lib/config/webhooks";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { runWebhookDeliveries } from "@/lib/server/webhooks/delivery";
import {
  acceptableWebhookUrl,
  createWebhookEndpoint,
  disableWebhookEndpoint,
  resendWebhookDelivery,
} from "@/lib/server/webhooks/endpoints";
import { adminActor, consentingCustomer, withdrawConsent } from "../support/marketing";
import { startReceiver } from "../support/webhook-receiver";

const db = createPrismaClient();
const second = createPrismaClient();
afterAll(async () => {
  await db.$disconnect();
  await second.$disconnect();
});

let receiver: Awaited<ReturnType<typeof startReceiver>>;
const endpoints: string[] = [];
beforeEach(async () => {
  receiver = await startReceiver();
});
afterEach(async () => {
  // Other tests' rounds must not post to a receiver that is gone.
  for (const id of endpoints.splice(0))
    await disableWebhookEndpoint({ actor: await adminActor(db), id }, { tx: db });
  await db.webhookDelivery.deleteMany({ where: { status: "PENDING" } });
  await receiver.close();
});

async function endpoint(events: ("consent.withdrawn" | "consent.granted")[]) {
  const created = await createWebhookEndpoint(
    { actor: await adminActor(db), url: receiver.url, events },
    { tx: db },
  );
  if (!created.ok) throw new Error(created.code);
  endpoints.push(created.id);
  return created;
}

const later = (seconds: number) => new Date(Date.now() + seconds * 1000);

describe("webhooks", () => {
  it("delivers consent.withdrawn with a valid Standard Webhooks signature, and only the chosen events", async () => {
    const { secret } = await endpoint(["consent.withdrawn"]);
    const customer = await consentingCustomer(db, { purpose: "birthday_offers" });
    await withdrawConsent(db, customer.id, "birthday_offers");
    await runWebhookDeliveries({}, { tx: db });
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    const verified = new Webhook(secret).verify(request!.body, request!.headers as Record<string, string>);
    expect(verified).toMatchObject({
      type: "consent.withdrawn",
      data: { customerId: customer.id, purpose: "birthday_offers", version: 1, source: "CONSENT_CENTRE" },
    });
    expect(request!.headers["webhook-id"]).toMatch(/^evt_[0-9a-f]{32}$/);
    expect(request!.body).not.toContain(customer.email);
  });

  it("[ATTACKER] a forged signature, an altered body or a replayed old timestamp fails verification", async () => {
    const { secret } = await endpoint(["consent.withdrawn"]);
    const customer = await consentingCustomer(db, { purpose: "birthday_offers" });
    await withdrawConsent(db, customer.id, "birthday_offers");
    await runWebhookDeliveries({}, { tx: db });
    const { body, headers } = receiver.received[0]!;
    const h = headers as Record<string, string>;
    const forger = new Webhook(`whsec_${Buffer.alloc(32, 7).toString("base64")}`);
    expect(() => forger.verify(body, h)).toThrow();
    expect(() => new Webhook(secret).verify(body.replace("withdrawn", "granted"), h)).toThrow();
    const old = { ...h, "webhook-timestamp": String(Math.floor(Date.now() / 1000) - 3600) };
    expect(() => new Webhook(secret).verify(body, old)).toThrow();
  });

  it("retries with back-off while the receiver is down and delivers once it is back, with the same id", async () => {
    await endpoint(["consent.withdrawn"]);
    const customer = await consentingCustomer(db, { purpose: "birthday_offers" });
    await withdrawConsent(db, customer.id, "birthday_offers");
    receiver.set("down");
    expect(await runWebhookDeliveries({}, { tx: db })).toMatchObject([{ delivered: false, status: 503 }]);
    const waiting = await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoints[0] } });
    expect(waiting).toMatchObject({ status: "PENDING", attempts: 1, lastStatusCode: 503 });
    expect(waiting.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 3_000);
    expect(await runWebhookDeliveries({}, { tx: db })).toEqual([]); // not due yet
    expect(await runWebhookDeliveries({ now: later(6) }, { tx: db })).toMatchObject([{ delivered: false }]);
    const twice = await db.webhookDelivery.findUniqueOrThrow({ where: { id: waiting.id } });
    expect(twice.nextAttemptAt.getTime() - Date.now()).toBeGreaterThan(8_000); // 10 s: doubled
    receiver.set("up");
    expect(await runWebhookDeliveries({ now: later(60) }, { tx: db })).toMatchObject([{ delivered: true }]);
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => r.headers["webhook-id"])).size).toBe(1);
    const done = await db.webhookDelivery.findUniqueOrThrow({ where: { id: waiting.id } });
    expect(done).toMatchObject({ status: "DELIVERED", attempts: 3, lastStatusCode: 204 });
  });

  it("gives up after the last attempt, and an admin's resend delivers it", async () => {
    await endpoint(["consent.withdrawn"]);
    const customer = await consentingCustomer(db, { purpose: "birthday_offers" });
    await withdrawConsent(db, customer.id, "birthday_offers");
    receiver.set("down");
    for (let i = 0; i < WEBHOOK_POLICY.maxAttempts; i++)
      await runWebhookDeliveries({ now: later(2 * 60 * 60 * (i + 1)) }, { tx: db });
    const failed = await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoints[0] } });
    expect(failed).toMatchObject({ status: "FAILED", attempts: WEBHOOK_POLICY.maxAttempts });
    receiver.set("up");
    expect(await resendWebhookDelivery({ actor: await adminActor(db), id: failed.id }, { tx: db })).toEqual({
      ok: true,
    });
    await runWebhookDeliveries({}, { tx: db });
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({
      status: "DELIVERED",
    });
  });

  it("two workers at once deliver each event exactly once", async () => {
    await endpoint(["consent.withdrawn", "consent.granted"]);
    const customers = await Promise.all(
      [1, 2, 3].map(() => consentingCustomer(db, { purpose: "birthday_offers" })),
    );
    for (const c of customers) await withdrawConsent(db, c.id, "birthday_offers");
    const [a, b] = await Promise.all([
      runWebhookDeliveries({}, { tx: db }),
      runWebhookDeliveries({}, { tx: second }),
    ]);
    expect(a.length + b.length).toBe(6);
    expect(receiver.received).toHaveLength(6);
    expect(new Set(receiver.received.map((r) => r.headers["webhook-id"])).size).toBe(6);
  });

  it("refuses a plain-http URL on a public installation and a URL with credentials", async () => {
    expect(acceptableWebhookUrl("http://crm.example.com/hooks", "https://portal.example.com")).toBe(false);
    expect(acceptableWebhookUrl("https://crm.example.com/hooks", "https://portal.example.com")).toBe(true);
    expect(acceptableWebhookUrl("http://127.0.0.1:9/hooks", "http://localhost:3000")).toBe(true);
    const withCredentials = await createWebhookEndpoint(
      {
        actor: await adminActor(db),
        url: "https://user:pw@crm.example.com/hooks",
        events: ["consent.withdrawn"],
      },
      { tx: db },
    );
    expect(withCredentials).toEqual({ ok: false, code: "URL_NOT_ALLOWED" });
  });
});
