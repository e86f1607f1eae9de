/**
 * "Temporarily unavailable — your input is kept" (docs/decisions/0073), on a PostgreSQL server of
 * its own that this test stops while the app is connected to it: a customer's save answers the
 * failure code instead of throwing (the form words it and keeps every value), and route handlers
 * answer 503 with Retry-After instead of 500. PostgreSQL only: SQLite has no server to stop (its
 * busy timeout is classified in tests/unit/database-unavailable.test.ts).
 */
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { SESSION_COOKIE } from "@/lib/auth/cookie-names";
import { databaseKind } from "@/lib/db/database-url";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { EMPTY_ADDRESS_INPUT, type AddressInput } from "@/lib/schemas/address";
import { hashToken, newSessionToken } from "@/lib/server/crypto/token-hash";
import { redirectOf, request, resetRequest } from "../support/next-request";
import { startPostgres, type PostgresServer } from "../support/postgres-server";
import { prepareDatabase } from "../support/prepare-database";

vi.mock("next/headers", async () => (await import("../support/next-request")).nextHeaders);
vi.mock("next/navigation", async () => (await import("../support/next-request")).nextNavigation);
vi.mock("next/cache", async () => (await import("../support/next-request")).nextCache);
vi.mock("next-intl/server", async () => (await import("../support/next-request")).nextIntlServer);

const runDatabaseUrl = process.env.DATABASE_URL!;
const isPostgres = databaseKind(runDatabaseUrl) === "postgres";
const STREET: AddressInput = {
  ...EMPTY_ADDRESS_INPUT,
  recipientName: "Erika Mustermann",
  street: "Heidestraße",
  houseNumber: "17",
  postalCode: "51147",
  city: "Köln",
};
let server: PostgresServer | undefined;

/** The app's modules with a fresh graph, so lib/db connects to `url`. */
async function loadApp(url: string) {
  vi.resetModules();
  process.env.DATABASE_URL = url;
  delete (globalThis as { portalDb?: unknown }).portalDb;
  return {
    addresses: await import("@/lib/actions/addresses"),
    exportRoute: await import("@/app/api/account/export/route"),
    audiences: await import("@/app/api/v1/audiences/[purpose]/route"),
  };
}

afterEach(() => {
  process.env.DATABASE_URL = runDatabaseUrl;
  delete (globalThis as { portalDb?: unknown }).portalDb;
});
afterAll(() => server?.stop());

describe.runIf(isPostgres)("the database goes away", () => {
  it("a save answers TEMPORARILY_UNAVAILABLE and routes answer 503 with Retry-After", async () => {
    server = await startPostgres();
    await prepareDatabase(server.url);
    const setup = createPrismaClient(server.url);
    const email = `down.${Date.now()}@example.com`;
    const user = await setup.user.create({
      data: { email, emailNormalized: email, roles: { create: { role: "CUSTOMER" } } },
    });
    const token = newSessionToken();
    await setup.session.create({
      data: {
        tokenHash: hashToken(token),
        userId: user.id,
        idleExpiresAt: new Date(Date.now() + 3_600_000),
        absoluteExpiresAt: new Date(Date.now() + 86_400_000),
        authMethods: ["PASSWORD"],
      },
    });
    await setup.$disconnect();
    resetRequest();
    request.cookies.set(SESSION_COOKIE, token);
    const app = await loadApp(server.url);

    // While it answers, the same call saves (so the refusal below can only be the outage).
    expect(await redirectOf(() => app.addresses.createAddressAction(randomUUID(), STREET))).toBe(
      "/account/addresses?notice=created",
    );

    server.stop();

    // The code, not a throw: with a key (the claim fails first) and without one (the session read).
    await expect(app.addresses.createAddressAction(randomUUID(), STREET)).resolves.toEqual({
      ok: false,
      code: "TEMPORARILY_UNAVAILABLE",
    });
    await expect(app.addresses.createAddressAction(null, STREET)).resolves.toEqual({
      ok: false,
      code: "TEMPORARILY_UNAVAILABLE",
    });

    const download = await app.exportRoute.GET(
      new Request("http://localhost/api/account/export?token=x") as never,
    );
    expect(download.status).toBe(503);
    expect(download.headers.get("retry-after")).toBe("5");

    const api = await app.audiences.GET(
      new Request("http://localhost/api/v1/audiences/marketing_email", {
        headers: { authorization: "Bearer kp_unknown" },
      }),
      { params: Promise.resolve({ purpose: "marketing_email" }) },
    );
    expect(api.status).toBe(503);
    expect(api.headers.get("retry-after")).toBe("5");
    expect(await api.json()).toMatchObject({ code: "SERVICE_UNAVAILABLE", status: 503 });
  }, 60_000);
});
