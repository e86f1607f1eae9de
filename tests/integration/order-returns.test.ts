/**
 * Returns (decision 0062) on SQLite and PostgreSQL: a delivered order's items go back within the
 * window, stored with the audit event and the webhook order.return_requested in one transaction;
 * another customer's order, an item of another order, more than was bought, a second return past
 * what is left, an undelivered order and a closed window are refused with nothing stored.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RETURN_WINDOW_DAYS } from "@/lib/config/orders";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { requestReturn, returnEligibility } from "@/lib/server/orders/returns";
import { createWebhookEndpoint, disableWebhookEndpoint } from "@/lib/server/webhooks/endpoints";
import { actorOf, createCustomer, unique } from "../support/customers";
import { adminActor } from "../support/marketing";

const db = createPrismaClient();
const DAY = 24 * 60 * 60 * 1000;
const deliveredAt = new Date("2026-12-02T10:00:00Z");
const inWindow = new Date(deliveredAt.getTime() + 3 * DAY);
let hookId = "";

beforeAll(async () => {
  const hook = await createWebhookEndpoint(
    { actor: await adminActor(db), url: "http://127.0.0.1:9/returns", events: ["order.return_requested"] },
    { tx: db },
  );
  if (!hook.ok) throw new Error(hook.code);
  hookId = hook.id;
});
afterAll(async () => {
  await disableWebhookEndpoint({ actor: await adminActor(db), id: hookId }, { tx: db });
  await db.webhookDelivery.deleteMany({ where: { endpointId: hookId } });
  await db.$disconnect();
});

async function order(userId: string, opts: { delivered?: boolean } = {}) {
  const delivered = opts.delivered ?? true;
  const address = {
    name: "Erika Muster",
    street: "Heidestraße 17",
    postalCode: "51147",
    city: "Köln",
    country: "DE",
  };
  return db.order.create({
    data: {
      shopOrderId: `SO-${unique().replace(/[^A-Za-z0-9]/g, "")}`,
      userId,
      status: delivered ? "DELIVERED" : "IN_TRANSIT",
      shopStatus: "ORDERED",
      currency: "EUR",
      subtotalMinor: 5997,
      shippingMinor: 0,
      taxMinor: 957,
      totalMinor: 5997,
      paymentMethod: "card",
      billingAddress: address,
      shippingAddress: address,
      placedAt: new Date("2026-12-01T08:30:00Z"),
      items: {
        create: [
          {
            position: 1,
            sku: "TSH-42",
            name: "T-Shirt",
            quantity: 2,
            unitPriceMinor: 1999,
            totalMinor: 3998,
          },
          { position: 2, sku: "CAP-7", name: "Mütze", quantity: 1, unitPriceMinor: 1999, totalMinor: 1999 },
        ],
      },
      shipments: {
        create: [
          {
            carrier: "DHL",
            trackingNumber: `0034-${unique()}`,
            status: delivered ? "DELIVERED" : "IN_TRANSIT",
            events: {
              create: [
                { status: "IN_TRANSIT", carrierCode: "transit", eventAt: new Date("2026-12-01T18:00:00Z") },
                ...(delivered
                  ? [{ status: "DELIVERED", carrierCode: "delivered", eventAt: deliveredAt }]
                  : []),
              ],
            },
          },
        ],
      },
    },
    include: { items: { orderBy: { position: "asc" } } },
  });
}

const deliveriesOf = async (returnId: string) =>
  (await db.webhookDelivery.findMany({ where: { endpointId: hookId, eventType: "order.return_requested" } }))
    .map((d) => JSON.parse(d.payload) as { type: string; data: { id: string } & Record<string, unknown> })
    .filter((p) => p.data.id === returnId);

describe("order returns", () => {
  it("stores the return with its audit event and tells the shop the items by position and sku", async () => {
    const user = await createCustomer(db, { proven: true });
    const o = await order(user.id);
    const result = await requestReturn(
      {
        actor: actorOf(user),
        orderId: o.id,
        items: [
          { orderItemId: o.items[0]!.id, quantity: 1 },
          { orderItemId: o.items[1]!.id, quantity: 0 },
        ],
        reason: "DAMAGED",
        comment: "Naht aufgerissen",
        now: inWindow,
      },
      { tx: db },
    );
    if (!result.ok) throw new Error(result.code);
    const stored = await db.returnRequest.findUniqueOrThrow({
      where: { id: result.returnId },
      include: { items: true },
    });
    expect(stored).toMatchObject({ orderId: o.id, userId: user.id, reason: "DAMAGED", status: "REQUESTED" });
    expect(stored.items).toEqual([expect.objectContaining({ orderItemId: o.items[0]!.id, quantity: 1 })]);
    const audit = await db.auditEvent.findMany({
      where: { type: "order.return_requested", targetId: result.returnId },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.subjectUserId).toBe(user.id);
    const sent = await deliveriesOf(result.returnId);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toEqual({
      type: "order.return_requested",
      timestamp: inWindow.toISOString(),
      data: {
        id: result.returnId,
        customerId: user.id,
        shopOrderId: o.shopOrderId,
        items: [{ position: 1, sku: "TSH-42", quantity: 1 }],
        reason: "DAMAGED",
        comment: "Naht aufgerissen",
        requestedAt: inWindow.toISOString(),
      },
    });
    // What is left: one T-shirt and the cap.
    const after = await returnEligibility({ userId: user.id, orderId: o.id, now: inWindow }, { tx: db });
    expect(after).toMatchObject({ eligible: true, items: [{ returnable: 1 }, { returnable: 1 }] });
  });

  it("[ATTACKER] refuses another customer's order like an unknown one, storing nothing", async () => {
    const owner = await createCustomer(db, { proven: true });
    const attacker = await createCustomer(db, { proven: true });
    const o = await order(owner.id);
    const result = await requestReturn(
      {
        actor: actorOf(attacker),
        orderId: o.id,
        items: [{ orderItemId: o.items[0]!.id, quantity: 1 }],
        reason: "OTHER",
        now: inWindow,
      },
      { tx: db },
    );
    expect(result).toEqual({ ok: false, code: "NOT_FOUND" });
    // The refusal rolled the claim on the order row back: the owner's order is untouched.
    expect((await db.order.findUniqueOrThrow({ where: { id: o.id } })).updatedAt).toEqual(o.updatedAt);
    expect(
      await returnEligibility({ userId: attacker.id, orderId: o.id, now: inWindow }, { tx: db }),
    ).toEqual({
      eligible: false,
      reason: "NOT_FOUND",
    });
    expect(await db.returnRequest.count({ where: { orderId: o.id } })).toBe(0);
    expect(
      await db.auditEvent.count({ where: { type: "order.return_requested", subjectUserId: owner.id } }),
    ).toBe(0);
  });

  it("[ATTACKER] refuses an item of another order, more than was bought and a second return past what is left", async () => {
    const user = await createCustomer(db, { proven: true });
    const o = await order(user.id);
    const other = await order(user.id);
    const base = { actor: actorOf(user), orderId: o.id, reason: "WRONG_ITEM" as const, now: inWindow };
    expect(
      await requestReturn({ ...base, items: [{ orderItemId: other.items[0]!.id, quantity: 1 }] }, { tx: db }),
    ).toEqual({
      ok: false,
      code: "UNKNOWN_ITEM",
    });
    expect(
      await requestReturn({ ...base, items: [{ orderItemId: o.items[0]!.id, quantity: 3 }] }, { tx: db }),
    ).toEqual({
      ok: false,
      code: "QUANTITY_EXCEEDED",
    });
    expect(await db.returnRequest.count({ where: { orderId: { in: [o.id, other.id] } } })).toBe(0);

    const first = await requestReturn(
      { ...base, items: [{ orderItemId: o.items[0]!.id, quantity: 2 }] },
      { tx: db },
    );
    expect(first.ok).toBe(true);
    expect(
      await requestReturn({ ...base, items: [{ orderItemId: o.items[0]!.id, quantity: 1 }] }, { tx: db }),
    ).toEqual({
      ok: false,
      code: "QUANTITY_EXCEEDED",
    });
    const cap = await requestReturn(
      { ...base, items: [{ orderItemId: o.items[1]!.id, quantity: 1 }] },
      { tx: db },
    );
    expect(cap.ok).toBe(true);
    // Everything is on its way back: nothing more to return.
    expect(
      await requestReturn({ ...base, items: [{ orderItemId: o.items[1]!.id, quantity: 1 }] }, { tx: db }),
    ).toEqual({
      ok: false,
      code: "NOTHING_LEFT",
    });
    expect(await db.returnRequest.count({ where: { orderId: o.id } })).toBe(2);
  });

  it("refuses an order not yet delivered and one past the return window", async () => {
    const user = await createCustomer(db, { proven: true });
    const underway = await order(user.id, { delivered: false });
    const delivered = await order(user.id);
    const one = (o: typeof underway, now: Date) =>
      requestReturn(
        {
          actor: actorOf(user),
          orderId: o.id,
          items: [{ orderItemId: o.items[0]!.id, quantity: 1 }],
          reason: "OTHER",
          now,
        },
        { tx: db },
      );
    expect(await one(underway, inWindow)).toEqual({ ok: false, code: "NOT_DELIVERED" });
    expect((await db.order.findUniqueOrThrow({ where: { id: underway.id } })).updatedAt).toEqual(
      underway.updatedAt,
    );
    const lastDay = new Date(deliveredAt.getTime() + RETURN_WINDOW_DAYS * DAY);
    const tooLate = new Date(lastDay.getTime() + 1000);
    expect(await one(delivered, tooLate)).toEqual({ ok: false, code: "WINDOW_CLOSED" });
    expect(await db.returnRequest.count({ where: { orderId: { in: [underway.id, delivered.id] } } })).toBe(0);
    expect((await one(delivered, lastDay)).ok).toBe(true);
  });
});
