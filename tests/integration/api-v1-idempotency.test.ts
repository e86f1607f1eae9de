/**
 * The Idempotency-Key store of /api/v1 writes (docs/decisions/0061) on SQLite and PostgreSQL, at
 * its edges: two identical requests racing make one order; an expired key starts afresh; a claim
 * left behind by a dead process is taken over after its lease, a fresh one is not.
 */
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { claimIdempotencyKey, pruneIdempotencyKeys } from "@/lib/server/api/idempotency";
import { createCustomer } from "../support/customers";
import { apiKey } from "../support/marketing";
import { orderBody, putOrderCall, shopOrderNumber } from "../support/orders";

const db = createPrismaClient();
afterAll(() => db.$disconnect());

describe("Idempotency-Key", () => {
  it("[SHOP] two identical requests at once: one order, no second write", async () => {
    const customer = await createCustomer(db, { proven: true });
    const { key } = await apiKey(db, ["orders:write"]);
    const number = shopOrderNumber();
    const body = orderBody({ id: customer.id });
    const answers = await Promise.all([1, 2, 3].map(() => putOrderCall(key, number, body, "race")));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    for (const status of statuses) expect([201, 409]).toContain(status);
    expect(await db.order.count({ where: { shopOrderId: number } })).toBe(1);
    const created = await db.auditEvent.count({
      where: { type: "order.created", subjectUserId: customer.id },
    });
    expect(created).toBe(1);
  });

  it("[SHOP] an expired key is used afresh for another request", async () => {
    const customer = await createCustomer(db, { proven: true });
    const created = await apiKey(db, ["orders:write"]);
    await putOrderCall(created.key, shopOrderNumber(), orderBody({ id: customer.id }), "old");
    const reused = await putOrderCall(created.key, shopOrderNumber(), orderBody({ id: customer.id }), "old");
    expect(reused.status).toBe(422);
    await db.idempotencyKey.updateMany({
      where: { apiKeyId: created.id, key: "old" },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const fresh = await putOrderCall(created.key, shopOrderNumber(), orderBody({ id: customer.id }), "old");
    expect(fresh.status).toBe(201);
    expect(fresh.headers.get("idempotent-replayed")).toBeNull();
  });

  it("[SHOP] a claim without an answer is in use for its lease, then taken over once", async () => {
    const created = await apiKey(db, ["orders:write"]);
    const input = { apiKeyId: created.id, key: "lease", requestHash: "h" };
    const start = new Date();
    expect((await claimIdempotencyKey(input, { tx: db, now: start })).kind).toBe("claimed");
    expect((await claimIdempotencyKey(input, { tx: db, now: new Date(start.getTime() + 30_000) })).kind).toBe(
      "inUse",
    );
    const later = new Date(start.getTime() + 61_000);
    expect((await claimIdempotencyKey(input, { tx: db, now: later })).kind).toBe("claimed");
    // The taker's claim is fresh again: a third request must wait.
    expect((await claimIdempotencyKey(input, { tx: db, now: later })).kind).toBe("inUse");
  });

  // The pruner `npm run jobs` calls (lib/server/privacy/jobs.ts); called alone here, because the
  // whole job run would also erase and deliver for the other test files running at the same time.
  it("[SHOP] the jobs' pruner deletes expired keys and keeps current ones", async () => {
    const created = await apiKey(db, ["orders:write"]);
    const now = new Date();
    const row = (key: string, expiresAt: Date) =>
      db.idempotencyKey.create({ data: { apiKeyId: created.id, key, requestHash: "h", expiresAt } });
    await row("gone", new Date(now.getTime() - 1000));
    await row("kept", new Date(now.getTime() + 3_600_000));
    expect(await pruneIdempotencyKeys({ now }, { tx: db })).toBeGreaterThanOrEqual(1);
    const left = await db.idempotencyKey.findMany({ where: { apiKeyId: created.id }, select: { key: true } });
    expect(left.map((r) => r.key)).toEqual(["kept"]);
  });
});
