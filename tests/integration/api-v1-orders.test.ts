/**
 * PUT /api/v1/orders/{shopOrderId} through the real handler on SQLite and PostgreSQL
 * (docs/decisions/0060, 0061): an idempotent upsert (same Idempotency-Key twice → one order and the
 * same answer; the key with another body → 422; while the first runs → 409), the customer by id
 * or by a VERIFIED e-mail only (unknown and unverified answer alike), a key without orders:write
 * refused with nothing written, and an order never moved to another customer.
 */
import Ajv2020 from "ajv/dist/2020";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { requestFingerprint } from "@/lib/server/api/idempotency";
import { openApiDocument } from "@/lib/server/api/openapi/document";
import { createCustomer } from "../support/customers";
import { apiKey } from "../support/marketing";
import { orderBody, putOrderCall, shopOrderNumber } from "../support/orders";

const db = createPrismaClient();
afterAll(() => db.$disconnect());

const document = openApiDocument("http://localhost");
const ajv = new Ajv2020({ strict: false });
ajv.addSchema({ $id: "doc", components: document.components } as object);
const orderSchema = JSON.parse(
  JSON.stringify(document.components!.schemas!.Order).replaceAll('"#/components', '"doc#/components'),
) as object;

describe("PUT /api/v1/orders/{shopOrderId}", () => {
  it("[SHOP] the same Idempotency-Key twice makes one order and replays the first answer", async () => {
    const customer = await createCustomer(db, { proven: true });
    const { key } = await apiKey(db, ["orders:write"]);
    const number = shopOrderNumber();
    const body = orderBody({ id: customer.id });
    const first = await putOrderCall(key, number, body, "idem-1");
    const second = await putOrderCall(key, number, body, "idem-1");
    expect(first.status).toBe(201);
    expect(ajv.validate(orderSchema, first.body)).toBe(true);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect(await db.order.count({ where: { shopOrderId: number } })).toBe(1);
    expect(await db.orderItem.count({ where: { order: { shopOrderId: number } } })).toBe(1);
    const audits = await db.auditEvent.count({
      where: { type: { in: ["order.created", "order.updated"] }, targetId: first.body.id as string },
    });
    expect(audits).toBe(1);
  });

  it("[SHOP] without a key the PUT is still an upsert: twice → one order, 201 then 200", async () => {
    const customer = await createCustomer(db, { proven: true });
    const { key } = await apiKey(db, ["orders:write"]);
    const number = shopOrderNumber();
    const first = await putOrderCall(key, number, orderBody({ id: customer.id }));
    const second = await putOrderCall(key, number, orderBody({ id: customer.id }, { status: "CANCELLED" }));
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.body).toMatchObject({ id: first.body.id, status: "CANCELLED" });
    expect(await db.order.count({ where: { shopOrderId: number } })).toBe(1);
  });

  it("[SHOP] the same key with another body is refused (422) and changes nothing", async () => {
    const customer = await createCustomer(db, { proven: true });
    const { key } = await apiKey(db, ["orders:write"]);
    const number = shopOrderNumber();
    await putOrderCall(key, number, orderBody({ id: customer.id }), "idem-2");
    const other = await putOrderCall(
      key,
      number,
      orderBody({ id: customer.id }, { status: "CANCELLED" }),
      "idem-2",
    );
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED" });
    expect(await db.order.findUniqueOrThrow({ where: { shopOrderId: number } })).toMatchObject({
      status: "ORDERED",
    });
  });

  it("[SHOP] a duplicate while the first request runs is refused with 409", async () => {
    const customer = await createCustomer(db, { proven: true });
    const created = await apiKey(db, ["orders:write"]);
    const number = shopOrderNumber();
    const body = orderBody({ id: customer.id });
    // The first request's claim, as it stands while its handler runs.
    const requestHash = requestFingerprint(
      "PUT",
      `/api/v1/orders/${number}`,
      new TextEncoder().encode(JSON.stringify(body)),
    );
    await db.idempotencyKey.create({
      data: { apiKeyId: created.id, key: "idem-3", requestHash, expiresAt: new Date(Date.now() + 3_600_000) },
    });
    const duplicate = await putOrderCall(created.key, number, body, "idem-3");
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ code: "IDEMPOTENCY_KEY_IN_USE" });
    expect(await db.order.count({ where: { shopOrderId: number } })).toBe(0);
  });

  it("[SHOP] keys are per API key: another key's same Idempotency-Key is its own", async () => {
    const customer = await createCustomer(db, { proven: true });
    const a = await apiKey(db, ["orders:write"]);
    const b = await apiKey(db, ["orders:write"]);
    const first = await putOrderCall(a.key, shopOrderNumber(), orderBody({ id: customer.id }), "shared");
    const second = await putOrderCall(b.key, shopOrderNumber(), orderBody({ id: customer.id }), "shared");
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.id).not.toBe(first.body.id);
  });

  it("[SHOP] names the customer by verified e-mail; unknown and unverified addresses answer alike", async () => {
    const verified = await createCustomer(db, { proven: true });
    const unverified = await createCustomer(db, { proven: false });
    const { key } = await apiKey(db, ["orders:write"]);
    const byMail = await putOrderCall(
      key,
      shopOrderNumber(),
      orderBody({ email: verified.email.toUpperCase() }),
    );
    expect(byMail.status).toBe(201);
    expect(byMail.body.customerId).toBe(verified.id);

    const refusals = await Promise.all(
      [unverified.email, "niemand.hier@example.com"].map(async (email) => {
        const number = shopOrderNumber();
        const answer = await putOrderCall(key, number, orderBody({ email }), `idem-${number}`);
        expect(await db.order.count({ where: { shopOrderId: number } })).toBe(0);
        return answer;
      }),
    );
    for (const refusal of refusals) {
      expect(refusal.status).toBe(422);
      expect(refusal.body.code).toBe("CUSTOMER_UNKNOWN");
    }
    expect(refusals[0]!.body).toEqual(refusals[1]!.body);
    const unknownId = await putOrderCall(key, shopOrderNumber(), orderBody({ id: "c-no-such-customer" }));
    expect(unknownId.body).toEqual(refusals[0]!.body);
  });

  it("[SHOP] a refused request releases its Idempotency-Key: the retry after the fix succeeds", async () => {
    const unverified = await createCustomer(db, { proven: false });
    const { key } = await apiKey(db, ["orders:write"]);
    const number = shopOrderNumber();
    const body = orderBody({ email: unverified.email });
    expect((await putOrderCall(key, number, body, "idem-4")).status).toBe(422);
    await db.user.update({ where: { id: unverified.id }, data: { emailVerifiedAt: new Date() } });
    expect((await putOrderCall(key, number, body, "idem-4")).status).toBe(201);
  });

  it("[ATTACKER] a key without orders:write is refused (403) and writes nothing", async () => {
    const customer = await createCustomer(db, { proven: true });
    const { key } = await apiKey(db, ["audiences:read", "consents:read"]);
    const number = shopOrderNumber();
    const answer = await putOrderCall(key, number, orderBody({ id: customer.id }), "idem-5");
    expect(answer.status).toBe(403);
    expect(answer.body.code).toBe("INSUFFICIENT_SCOPE");
    expect(await db.order.count({ where: { shopOrderId: number } })).toBe(0);
    expect(await db.idempotencyKey.count({ where: { key: "idem-5" } })).toBe(0);
  });

  it("[ATTACKER] an order is never moved to another customer by a later PUT", async () => {
    const owner = await createCustomer(db, { proven: true });
    const other = await createCustomer(db, { proven: true });
    const { key } = await apiKey(db, ["orders:write"]);
    const number = shopOrderNumber();
    await putOrderCall(key, number, orderBody({ id: owner.id }));
    const moved = await putOrderCall(key, number, orderBody({ id: other.id }));
    expect(moved.status).toBe(409);
    expect(moved.body.code).toBe("ORDER_OF_ANOTHER_CUSTOMER");
    expect(await db.order.findUniqueOrThrow({ where: { shopOrderId: number } })).toMatchObject({
      userId: owner.id,
    });
  });

  it("[SHOP] refuses full card numbers and unknown fields (the shape only takes a masked payment)", async () => {
    const customer = await createCustomer(db, { proven: true });
    const { key } = await apiKey(db, ["orders:write"]);
    const body = {
      ...orderBody({ id: customer.id }),
      payment: { method: "card", last4: "4111111111111111" },
    };
    const answer = await putOrderCall(key, shopOrderNumber(), body);
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe("VALIDATION_FAILED");
    expect(JSON.stringify(answer.body.errors)).toContain("payment.last4");
  });
});
