/**
 * An outage between a write's commit and the storing of its answer (decision 0061, found by
 * `npm run scale:test`, decision 0076): the order is committed, then storing the Idempotency-Key's
 * answer fails because the database is gone. The key must not be left claimed without an answer,
 * or every retry is refused as "in use" until the 60 s lease ends and then runs the write a second
 * time (an `order.updated`, answered 200). A trigger stands in for the outage: while its flag is
 * set, PostgreSQL refuses the answer's UPDATE with 57P01 (the SQLSTATE of a restart), as a real
 * restart does; the test lifts it after a second, as the database comes back.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKind, resolveDatabaseUrl } from "@/lib/db/database-url";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { createCustomer } from "../support/customers";
import { apiKey } from "../support/marketing";
import { orderBody, putOrderCall, shopOrderNumber } from "../support/orders";

const isPostgres = databaseKind(resolveDatabaseUrl(process.env.DATABASE_URL)) === "postgres";
const db = createPrismaClient();

describe.runIf(isPostgres)("Idempotency-Key across an outage", () => {
  beforeAll(async () => {
    await db.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS scale_outage (key text PRIMARY KEY)`);
    await db.$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION scale_outage_answer() RETURNS trigger AS $$
      BEGIN
        IF NEW."responseStatus" IS NOT NULL AND EXISTS (SELECT 1 FROM scale_outage WHERE key = NEW.key) THEN
          RAISE EXCEPTION 'terminating connection due to administrator command' USING ERRCODE = '57P01';
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS scale_outage_answer ON "IdempotencyKey"`);
    await db.$executeRawUnsafe(
      `CREATE TRIGGER scale_outage_answer BEFORE UPDATE ON "IdempotencyKey" FOR EACH ROW EXECUTE FUNCTION scale_outage_answer()`,
    );
  });
  afterAll(async () => {
    await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS scale_outage_answer ON "IdempotencyKey"`);
    await db.$disconnect();
  });

  it("[SHOP] a write committed just before the database went away is answered once it is back, and its retry replays it", async () => {
    const customer = await createCustomer(db, { proven: true });
    const { key } = await apiKey(db, ["orders:write"]);
    const number = shopOrderNumber();
    const body = orderBody({ id: customer.id });
    const idempotencyKey = `outage-${number}`;
    await db.$executeRawUnsafe(`INSERT INTO scale_outage (key) VALUES ($1)`, idempotencyKey);
    const lift = new Promise<void>((resolve) =>
      setTimeout(() => {
        void db
          .$executeRawUnsafe(`DELETE FROM scale_outage WHERE key = $1`, idempotencyKey)
          .then(() => resolve());
      }, 1_000),
    );
    const first = await putOrderCall(key, number, body, idempotencyKey);
    await lift;
    const retry = await putOrderCall(key, number, body, idempotencyKey);

    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    const order = await db.order.findUniqueOrThrow({ where: { shopOrderId: number }, select: { id: true } });
    const audits = await db.auditEvent.groupBy({
      by: ["type"],
      where: { targetId: order.id, type: { in: ["order.created", "order.updated"] } },
      _count: true,
    });
    expect(audits.map((a) => [a.type, a._count])).toEqual([["order.created", 1]]);
  });
});
