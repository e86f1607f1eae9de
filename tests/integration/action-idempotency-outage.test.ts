/**
 * Customer forms (decision 0072) across an outage between the save's commit and the storing of its
 * outcome, as tests/integration/api-v1-idempotency-outage.test.ts for the machine API: a trigger
 * refuses the outcome's UPDATE with 57P01 (a restart's SQLSTATE) until the test lifts it a second
 * later. The save must answer once the database is back, and the customer's second press with the
 * same key must replay it, not be refused as "in progress" and later save a second address.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { SESSION_COOKIE } from "@/lib/auth/cookie-names";
import { createAddressAction } from "@/lib/actions/addresses";
import { databaseKind, resolveDatabaseUrl } from "@/lib/db/database-url";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { EMPTY_ADDRESS_INPUT, type AddressInput } from "@/lib/schemas/address";
import { hashToken, newSessionToken } from "@/lib/server/crypto/token-hash";
import { redirectOf, request, resetRequest } from "../support/next-request";

vi.mock("next/headers", async () => (await import("../support/next-request")).nextHeaders);
vi.mock("next/navigation", async () => (await import("../support/next-request")).nextNavigation);
vi.mock("next/cache", async () => (await import("../support/next-request")).nextCache);

const isPostgres = databaseKind(resolveDatabaseUrl(process.env.DATABASE_URL)) === "postgres";
const db = createPrismaClient();
const STREET: AddressInput = {
  ...EMPTY_ADDRESS_INPUT,
  recipientName: "Erika Mustermann",
  street: "Heidestraße",
  houseNumber: "17",
  postalCode: "51147",
  city: "Köln",
};

describe.runIf(isPostgres)("idempotent customer forms across an outage", () => {
  beforeAll(async () => {
    await db.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS action_outage (key text PRIMARY KEY)`);
    await db.$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION action_outage_outcome() RETURNS trigger AS $$
      BEGIN
        IF NEW.result IS NOT NULL AND EXISTS (SELECT 1 FROM action_outage WHERE key = NEW.key) THEN
          RAISE EXCEPTION 'terminating connection due to administrator command' USING ERRCODE = '57P01';
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS action_outage_outcome ON "ActionIdempotencyKey"`);
    await db.$executeRawUnsafe(
      `CREATE TRIGGER action_outage_outcome BEFORE UPDATE ON "ActionIdempotencyKey" FOR EACH ROW EXECUTE FUNCTION action_outage_outcome()`,
    );
  });
  afterAll(async () => {
    await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS action_outage_outcome ON "ActionIdempotencyKey"`);
    await db.$disconnect();
  });

  it("[CUSTOMER] a save committed just before the database went away answers once it is back; saving again replays it", async () => {
    const email = `outage.${randomUUID()}@example.com`;
    const user = await db.user.create({
      data: { email, emailNormalized: email, roles: { create: { role: "CUSTOMER" } } },
    });
    resetRequest();
    const token = newSessionToken();
    await db.session.create({
      data: {
        tokenHash: hashToken(token),
        userId: user.id,
        idleExpiresAt: new Date(Date.now() + 3_600_000),
        absoluteExpiresAt: new Date(Date.now() + 86_400_000),
        authMethods: ["PASSWORD"],
      },
    });
    request.cookies.set(SESSION_COOKIE, token);
    const key = randomUUID();
    await db.$executeRawUnsafe(`INSERT INTO action_outage (key) VALUES ($1)`, key);
    const lift = new Promise<void>((resolve) =>
      setTimeout(() => {
        void db.$executeRawUnsafe(`DELETE FROM action_outage WHERE key = $1`, key).then(() => resolve());
      }, 1_000),
    );

    const first = await redirectOf(() => createAddressAction(key, STREET));
    await lift;
    const again = await redirectOf(() => createAddressAction(key, STREET));

    expect(first).toBe("/account/addresses?notice=created");
    expect(again).toBe("/account/addresses?notice=created");
    expect(await db.address.count({ where: { userId: user.id } })).toBe(1);
    const stored = await db.actionIdempotencyKey.findFirstOrThrow({ where: { userId: user.id, key } });
    expect(stored.result).not.toBeNull();
  });
});
