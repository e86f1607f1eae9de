/**
 * The attacks whose outcome depends on the browser's own rules (SameSite cookies, Origin headers,
 * client-side routing, script access to cookies), in Chromium. The portal's pages these tests open
 * are audited like every E2E page (tests/e2e/fixtures.ts); the attacker's page is not.
 */
import type { BrowserContext, Page } from "@playwright/test";
import { expect, test } from "../e2e/fixtures";
import { e2eDb } from "../e2e/support/users";
import { createActor, createAddress, createSession, PASSWORD, sessionWorks } from "./support/actors";
import { manifestAction } from "./support/action-manifest";
import { BASE_URL } from "./support/portal-client";

const ATTACKER = "http://attacker.test";

async function signInContext(context: BrowserContext, userId: string) {
  const { token } = await createSession(userId);
  await context.addCookies([
    { name: "portal_session", value: token, url: BASE_URL, httpOnly: true, sameSite: "Lax" },
  ]);
  return token;
}

test("[ATTACKER] a cross-site form in Chromium cannot delete the customer's address", async ({
  page,
  context,
  axeAudits,
}) => {
  const customer = await createActor("CUSTOMER");
  await signInContext(context, customer.id);
  const address = await createAddress(customer.id);
  axeAudits.skipOrigin(ATTACKER);
  // The plain form the portal itself renders for "delete", posted from another site into a new
  // window (a top-level navigation, as Chromium's private-network rules allow from a public site;
  // the attacker's page stays where it is).
  await page.route(`${ATTACKER}/**`, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><html lang="de"><title>Gewinnspiel</title>
        <form method="post" enctype="multipart/form-data" target="_blank" action="${BASE_URL}/account/addresses">
        <input name="$ACTION_ID_${manifestAction("deleteAddressAction").id}"><input name="addressId" value="${address.id}">
        </form><script>document.forms[0].submit()</script></html>`,
    }),
  );
  const posted = context.waitForEvent(
    "response",
    (r) => r.url().startsWith(`${BASE_URL}/account/addresses`) && r.request().method() === "POST",
  );
  await page.goto(`${ATTACKER}/gewinnspiel`);
  const response = await posted;
  expect(response.status()).toBe(500);
  expect(await e2eDb().address.count({ where: { id: address.id } })).toBe(1);
});

test("[ATTACKER] a script on the page cannot read the session cookie", async ({ page, context }) => {
  const customer = await createActor("CUSTOMER");
  const token = await signInContext(context, customer.id);
  await page.goto("/account");
  await expect(page).toHaveURL("/account");
  expect(await page.evaluate(() => document.cookie)).not.toContain(token);
});

// Finding 2 (issue 10): "/.//evil.example/x" passed a check on the resolved URL and came back as
// given, and the browser's router turned it into "//evil.example/x" (decision 0023).
test("[ATTACKER] a crafted sign-in link does not send the customer to another site", async ({
  page,
  axeAudits,
}) => {
  const customer = await createActor("CUSTOMER");
  axeAudits.skipOrigin("http://evil.example");
  await page.route("http://evil.example/**", (route) =>
    route.fulfill({ body: "<title>evil</title>bitte Passwort" }),
  );
  await page.goto(`/login?callbackUrl=${encodeURIComponent("/.//evil.example/x")}`);
  await page.getByLabel("E-Mail-Adresse").fill(customer.email);
  await page.getByLabel("Passwort").fill(PASSWORD);
  await page.getByRole("button", { name: "Anmelden", exact: true }).click();
  await page.waitForLoadState("networkidle");
  expect(new URL(page.url()).origin).toBe(new URL(BASE_URL).origin);
});

async function profileThenSignOut(page: Page, context: BrowserContext) {
  const customer = await createActor("CUSTOMER");
  const name = `Wiebke${Date.now()}`;
  await e2eDb().profile.create({ data: { userId: customer.id, firstName: name, lastName: "Muster" } });
  await signInContext(context, customer.id);
  await page.goto("/account/profile");
  await expect(page.getByLabel("Vorname")).toHaveValue(name);
  await page.getByRole("banner").getByRole("button", { name: "Abmelden" }).click();
  await expect(page).toHaveURL("/login");
  return name;
}

test("[CUSTOMER] at a shared computer, Back after signing out shows the sign-in page, not the account", async ({
  page,
  context,
  axeAudits,
}) => {
  // After a history navigation Chromium asks for /favicon.ico; the portal's icon is /icon.svg.
  axeAudits.allowConsoleError(/^Failed to load resource: the server responded with a status of 404/);
  await profileThenSignOut(page, context);
  await page.goBack();
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Faccount%2Fprofile$/);
  await expect(page.getByLabel("Vorname")).toHaveCount(0);
});

// ASVS 14.3.1: signing out used to navigate inside the single-page app, so the account page's data
// stayed in the document (its inline React data) until a full page load (decision 0028).
test("[CUSTOMER] after signing out, none of the account's data is left in the page", async ({
  page,
  context,
}) => {
  const name = await profileThenSignOut(page, context);
  expect(await page.content()).not.toContain(name);
});

test("[CUSTOMER] after asking to delete the account, none of its data is left in the page", async ({
  page,
  context,
}) => {
  const customer = await createActor("CUSTOMER");
  const name = `Hauke${Date.now()}`;
  await e2eDb().profile.create({ data: { userId: customer.id, firstName: name, lastName: "Muster" } });
  await signInContext(context, customer.id);
  // The profile is the document's first page; the privacy page is reached inside the app.
  await page.goto("/account/profile");
  await expect(page.getByLabel("Vorname")).toHaveValue(name);
  await page
    .getByRole("navigation", { name: "Kontobereiche" })
    .getByRole("link", { name: "Datenschutz" })
    .click();
  await expect(page).toHaveURL("/account/privacy");
  await page.getByLabel("Ich möchte mein Konto und meine Daten löschen.").check();
  await page.getByRole("button", { name: "Konto löschen" }).click();
  await expect(page).toHaveURL("/login");
  expect(await page.content()).not.toContain(name);
});

test("[CUSTOMER] signs out without JavaScript: the session ends and the sign-in page loads", async ({
  browser,
}) => {
  const customer = await createActor("CUSTOMER");
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "de-DE" });
  const token = await signInContext(context, customer.id);
  const page = await context.newPage();
  await page.goto(`${BASE_URL}/account`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.getByRole("banner").getByRole("button", { name: "Abmelden" }).click();
  await expect(page).toHaveURL(`${BASE_URL}/login`);
  await expect(page.getByRole("heading", { name: "Anmelden", level: 1 })).toBeVisible();
  expect(await sessionWorks(token)).toBe(false);
  expect((await context.cookies(BASE_URL)).map((c) => c.name)).not.toContain("portal_session");
  await context.close();
});

test("[CUSTOMER] the browser keeps nothing sensitive in its storage", async ({ page, context }) => {
  const customer = await createActor("CUSTOMER");
  const token = await signInContext(context, customer.id);
  for (const path of [
    "/account",
    "/account/profile",
    "/account/security",
    "/account/payment",
    "/account/privacy",
  ])
    await page.goto(path);
  const stored = await page.evaluate(async () => ({
    local: JSON.stringify({ ...localStorage }),
    session: JSON.stringify({ ...sessionStorage }),
    databases: (await indexedDB.databases()).map((d) => d.name),
  }));
  for (const text of [stored.local, stored.session]) {
    expect(text).not.toContain(customer.email);
    expect(text).not.toContain(token);
  }
  expect(stored.databases).toEqual([]);
  // Cookies: the session token (HttpOnly), a device marker and the language; nothing else.
  const cookies = await context.cookies(BASE_URL);
  expect(cookies.map((c) => c.name).sort()).toEqual(expect.arrayContaining(["portal_session"]));
  for (const cookie of cookies) {
    expect(["portal_session", "portal_device", "NEXT_LOCALE"]).toContain(cookie.name);
    expect(cookie.value).not.toContain(customer.email);
  }
});

const IDP = "http://localhost:3127";

// Finding 4 (issue 10): a known social identity opened a session without the second factor staff
// must always give; now it goes through the one door of every sign-in (decision 0020).
test("[ATTACKER] social sign-in without second factor: a staff member's provider account alone opens no session", async ({
  page,
  context,
  axeAudits,
}) => {
  axeAudits.skipOrigin(IDP);
  const login = `staff.social.${Date.now()}@example.com`;
  const staff = await createActor("SUPPORT", { email: login });
  await e2eDb().socialIdentity.create({
    data: { userId: staff.id, provider: "testidp", subject: login, email: login },
  });
  await page.goto("/login");
  await page.getByRole("button", { name: "Mit Test-IdP anmelden" }).click();
  await expect(page).toHaveURL(new RegExp(`^${IDP}/interaction/`));
  await page.getByPlaceholder("Enter any login").fill(login);
  await page.getByPlaceholder("and password").fill("any password works here");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL("/login/verify");
  expect((await context.cookies(BASE_URL)).map((c) => c.name)).not.toContain("portal_session");
});
