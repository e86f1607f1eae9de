/**
 * Cross-site request forgery (ASVS 3.5): every server action refuses a foreign Origin, with or
 * without JavaScript (the Chromium case is in browser.spec.ts); route handlers that change state are
 * listed with the reason a cross-site request cannot use them; safe methods change nothing.
 */
import { e2eDb } from "../e2e/support/users";
import { createActor, createAddress, signedInClient } from "./support/actors";
import { manifestAction, manifestActions } from "./support/action-manifest";
import { Coverage } from "./support/coverage";
import { mailedLink, tokenOf } from "./support/flows";
import { APP_ORIGIN, clientIp, PortalClient } from "./support/portal-client";
import { discoverRoutes } from "./support/routes";
import { expect, test } from "./fixtures";

const coverage = new Coverage("csrf");
test.afterAll(() => coverage.report());

const FOREIGN_ORIGINS = [
  "https://evil.example",
  "null",
  "http://localhost:3127" /* same site, other origin */,
];

test("[ATTACKER] every server action refuses a foreign Origin before it runs", async () => {
  const customer = await createActor("CUSTOMER");
  const { client } = await signedInClient(customer.id);
  for (const action of manifestActions()) {
    for (const origin of FOREIGN_ORIGINS) {
      const reply = await client.action(action.name, [], { origin });
      expect(reply.status, `${action.key} from ${origin}`).toBe(500);
      expect(reply.result, `${action.key} from ${origin}`).toBeNull();
      coverage.add("action × origin refusals");
    }
  }
});

test("[ATTACKER] a forged password change from another origin changes nothing", async () => {
  const customer = await createActor("CUSTOMER");
  const { client } = await signedInClient(customer.id);
  const before = await e2eDb().passwordCredential.findUniqueOrThrow({ where: { userId: customer.id } });
  const reply = await client.action("changePasswordAction", [{ newPassword: "Vom Angreifer gewählt 2026" }], {
    origin: "https://evil.example",
  });
  expect(reply.status).toBe(500);
  const after = await e2eDb().passwordCredential.findUniqueOrThrow({ where: { userId: customer.id } });
  expect(after.hash).toBe(before.hash);
});

test("[ATTACKER] a plain-form (no JavaScript) post from another origin changes nothing", async () => {
  const customer = await createActor("CUSTOMER");
  const { client } = await signedInClient(customer.id);
  const address = await createAddress(customer.id);
  const form = new FormData();
  form.append(`$ACTION_ID_${manifestAction("deleteAddressAction").id}`, "");
  form.append("addressId", address.id);
  const response = await client.fetch("/account/addresses", {
    method: "POST",
    body: form,
    headers: { Origin: "https://evil.example" },
  });
  expect(response.status).toBe(500);
  expect(await e2eDb().address.count({ where: { id: address.id } })).toBe(1);
  // The same post from the portal's own origin works: the check above is the Origin, nothing else.
  const own = await client.fetch("/account/addresses", {
    method: "POST",
    body: form,
    headers: { Origin: APP_ORIGIN },
  });
  expect(own.status).toBe(303);
  expect(await e2eDb().address.count({ where: { id: address.id } })).toBe(0);
});

/** Why a cross-site request cannot use each state-changing route handler (a new one needs a row). */
const STATE_CHANGING_ROUTES: Record<string, string> = {
  "POST /api/auth/[...nextauth]": "next-auth's double-submit CSRF token",
  "POST /newsletter/unsubscribe":
    "RFC 8058 one-click: no cookie is used; the signed token is the only authority",
  "GET /api/account/export": "needs the signed-in owner's session and a single-use token from step-up",
  "POST /logout":
    "the session cookie is SameSite=Lax (not sent cross-site) and a foreign Origin is refused (sessions.spec.ts)",
  // The shop's order API (docs/decisions/0060): a bearer API key in Authorization, which a browser
  // never adds to a cross-site request; cookies are not read at all.
  "PUT /api/v1/orders/[shopOrderId]": "API key in the Authorization header only; cookies are ignored",
  "POST /api/v1/orders/[shopOrderId]/shipments":
    "API key in the Authorization header only; cookies are ignored",
  "PUT /api/v1/orders/[shopOrderId]/documents/[kind]":
    "API key in the Authorization header only; cookies are ignored",
  "POST /api/v1/shipments/[id]/events": "API key in the Authorization header only; cookies are ignored",
  "POST /api/v1/approvals": "API key in the Authorization header only; cookies are ignored",
};

test("every state-changing route handler has its cross-site defence listed", () => {
  const found = discoverRoutes()
    .filter((r) => r.kind === "route")
    .flatMap((r) =>
      r.methods
        .filter((m) => m !== "GET" || r.pattern === "/api/account/export")
        .map((m) => `${m} ${r.pattern}`),
    );
  expect(found.sort()).toEqual(Object.keys(STATE_CHANGING_ROUTES).sort());
});

test("[ATTACKER] next-auth refuses a cross-site sign-in or sign-out without its CSRF token", async () => {
  const client = new PortalClient(clientIp("csrf-nextauth"));
  for (const path of ["/api/auth/signin/testidp", "/api/auth/signout"]) {
    const response = await client.fetch(path, {
      method: "POST",
      headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      body: "callbackUrl=%2Faccount",
    });
    const location = response.headers.get("location") ?? "";
    expect(location, path).not.toContain("localhost:3127"); // never sent on to the identity provider
    expect(location, path).toMatch(/csrf=true|\/login/);
  }
});

test("[ATTACKER] a forged one-click unsubscribe changes nothing", async () => {
  const customer = await createActor("CUSTOMER");
  await e2eDb().topicSubscription.create({
    data: { userId: customer.id, topicKey: "offers", status: "ACTIVE" },
  });
  const forged = `u1.${customer.id}.${"A".repeat(43)}`;
  const response = await new PortalClient(clientIp("csrf-unsub")).fetch(
    `/newsletter/unsubscribe?token=${encodeURIComponent(forged)}`,
    {
      method: "POST",
      headers: { Origin: "https://evil.example" },
      body: new URLSearchParams({ "List-Unsubscribe": "One-Click" }),
    },
  );
  expect(response.status).toBe(404);
  const subscription = await e2eDb().topicSubscription.findFirstOrThrow({ where: { userId: customer.id } });
  expect(subscription.status).toBe("ACTIVE");
});

// Finding 5 (issue 10): opening the email-change link (a GET, as mail scanners do) changed the
// address; now the page asks and its button posts (decision 0019).
test("[ATTACKER] opening the email-change link (GET) does not change the address", async () => {
  const customer = await createActor("CUSTOMER");
  const { client } = await signedInClient(customer.id);
  const since = new Date();
  const newEmail = `neu.${Date.now()}@example.com`;
  await client.action("changeEmailAction", [{ newEmail }]);
  const { path, token } = tokenOf(await mailedLink(newEmail, since, /neue E-Mail-Adresse/, "/verify-email"));
  expect((await new PortalClient(clientIp("scanner")).fetch(path)).status).toBe(200);
  expect((await e2eDb().user.findUniqueOrThrow({ where: { id: customer.id } })).email).toBe(customer.email);
  // The link was a good one: its button changes the address.
  const pressed = await new PortalClient(clientIp("owner")).formAction("confirmEmailLinkAction", { token });
  expect(pressed.redirect).toBe("/verify-email?status=email-changed");
  expect((await e2eDb().user.findUniqueOrThrow({ where: { id: customer.id } })).email).toBe(newEmail);
});
