/**
 * Runs the authorisation matrix (authorization-matrix.ts) against the production server: every
 * route and every server action as anonymous, CUSTOMER, SUPPORT, MARKETING and ADMIN (each a fresh
 * account with a fresh session; staff with their second factor), and a customer using another
 * customer's ids, whose data must stay as it was. A route in app/ or an action in the build without
 * a row fails the first two tests.
 */
import { createActor, ROLES, signedInClient, STRONGEST } from "./support/actors";
import { manifestActions } from "./support/action-manifest";
import { e2eDb } from "../e2e/support/users";
import { Coverage } from "./support/coverage";
import { ADDRESS_INPUT, OwnedObjects } from "./support/owned-objects";
import { BASE_URL, clientIp, outcomeOf, PortalClient } from "./support/portal-client";
import { discoverRoutes } from "./support/routes";
import { ACTIONS, expectation, pattern, ROUTES, type Column } from "./authorization-matrix";
import { expect, test } from "./fixtures";

const coverage = new Coverage("authorization");
test.afterAll(() => coverage.report());

const COLUMNS: Column[] = ["anonymous", ...ROLES];

async function caller(column: Column): Promise<OwnedObjects> {
  if (column === "anonymous") return new OwnedObjects(null, new PortalClient(clientIp("anonymous")));
  const actor = await createActor(column);
  // The matrix asks who may call, not how strongly: every session is as strong as the account's
  // strongest factor (step-up.spec.ts asks for recency and strength).
  const { client } = await signedInClient(actor.id, STRONGEST);
  return new OwnedObjects(actor.id, client, actor.email);
}

function routeOutcome(response: Response): string {
  if (response.status < 300 || response.status >= 400) return String(response.status);
  const location = (response.headers.get("location") ?? "").replace(BASE_URL, "");
  return location.startsWith("/login?callbackUrl=") ? "login" : `redirect:${location}`;
}

test("every route in app/ has a row in the matrix, and every row a route", () => {
  const discovered = discoverRoutes().flatMap((r) => r.methods.map((m) => `${m} ${r.pattern}`));
  expect(Object.keys(ROUTES).sort()).toEqual(discovered.sort());
});

test("every server action of the build has a row in the matrix, and every row an action", () => {
  expect(Object.keys(ACTIONS).sort()).toEqual(
    manifestActions()
      .map((a) => a.name)
      .sort(),
  );
});

for (const [key, row] of Object.entries(ROUTES)) {
  test(`[MATRIX] ${key}`, async () => {
    const fetchAs = async (owner: OwnedObjects, client: PortalClient) => {
      const response = await client.fetch(await row.path(owner), {
        method: row.method ?? "GET",
        body: row.body?.(),
      });
      return { outcome: routeOutcome(response), body: await response.text() };
    };
    for (const column of COLUMNS) {
      const own = await caller(column);
      const { outcome, body } = await fetchAs(own, own.client);
      const expected = expectation(row, column);
      expect.soft(outcome, `${key} as ${column}`).toMatch(pattern(expected));
      // The owner sees what the other customer must not: proof the "not shown" check can fail.
      if (row.other && column === "CUSTOMER")
        for (const secret of row.other.secrets(own)) expect.soft(body, `${key}: own page`).toContain(secret);
      coverage.add("route × role cells");
    }
    if (row.other) {
      const victim = await caller("CUSTOMER");
      const attacker = await caller("CUSTOMER");
      const { outcome, body } = await fetchAs(victim, attacker.client);
      expect.soft(outcome, `${key} with another customer's id`).toMatch(pattern(row.other.expect));
      for (const secret of row.other.secrets(victim))
        expect.soft(body, `${key}: foreign page`).not.toContain(secret);
      coverage.add("route × role cells");
      coverage.add("other-customer id cells");
    }
  });
}

for (const [name, row] of Object.entries(ACTIONS)) {
  test(`[MATRIX] action ${name}`, async () => {
    for (const column of COLUMNS) {
      const own = await caller(column);
      const outcome = outcomeOf(await row.call(own.client, own));
      const expected = expectation(row, column);
      expect.soft(outcome, `${name} as ${column}`).toMatch(pattern(expected));
      coverage.add("action × role cells");
    }
    if ("expect" in row.other) {
      const victim = await caller("CUSTOMER");
      const attacker = await caller("CUSTOMER");
      const outcome = outcomeOf(await row.call(attacker.client, victim));
      expect.soft(outcome, `${name} with another customer's id`).toMatch(pattern(row.other.expect));
      await row.other.intact(victim);
      coverage.add("action × role cells");
      coverage.add("other-customer id cells");
    }
  });
}

test("every page that needs a sign-in offers signing out", async () => {
  const own = await caller("CUSTOMER");
  // The header's plain form that posts to app/logout/route.ts.
  const signOut = '<form action="/logout" method="post">';
  let pages = 0;
  for (const [key, row] of Object.entries(ROUTES)) {
    if (key.startsWith("GET /api") || row.method || row.anonymous !== "login") continue;
    if (expectation(row, "CUSTOMER") !== "200") continue;
    const html = await (await own.client.fetch(await row.path(own))).text();
    expect.soft(html, key).toContain(signOut);
    pages += 1;
  }
  expect(pages).toBeGreaterThanOrEqual(10);
  coverage.add("pages with sign-out", pages);
});

test("[ATTACKER] extra fields in an action's input reach nothing (mass assignment)", async () => {
  const victim = await caller("CUSTOMER");
  const attacker = await caller("CUSTOMER");
  const forged = {
    userId: victim.userId,
    id: victim.userId,
    roles: ["ADMIN"],
    emailVerifiedAt: null,
    status: "ACTIVE",
  };
  await attacker.client.action("updateProfileAction", [
    {
      firstName: "Eva",
      lastName: "Angreifer",
      dateOfBirth: "",
      phone: "",
      locale: "de",
      email: "boss@evil.example",
      ...forged,
    },
  ]);
  await attacker.client.action("createAddressAction", [null, { ...ADDRESS_INPUT, ...forged }]);
  await attacker.client.action("updateCommunicationPreferencesAction", [
    { topics: [], email: true, push: false, sms: true, frequency: "WEEKLY", ...forged },
  ]);
  const db = e2eDb();
  expect(await db.profile.findUnique({ where: { userId: victim.userId! } })).toBeNull();
  expect(await db.address.count({ where: { userId: victim.userId! } })).toBe(0);
  expect(
    (await db.communicationPreference.findUnique({ where: { userId: victim.userId! } }))?.smsEnabled,
  ).toBe(false);
  const self = await db.user.findUniqueOrThrow({
    where: { id: attacker.userId! },
    include: { roles: true, profile: true },
  });
  expect(self.roles.map((r) => r.role)).toEqual(["CUSTOMER"]);
  expect(self.email).toBe(attacker.email);
  expect(self.profile?.firstName).toBe("Eva"); // the allowed fields did arrive: the check can fail
  expect(await db.address.count({ where: { userId: attacker.userId! } })).toBe(1);
});
