/**
 * The main customer journeys on a phone (390×844, the "mobile" Playwright project; issue 15, Done
 * when 2): one spec that visits every account page with data in its lists and the sign-in ways out,
 * checking each for horizontal overflow. The desktop specs prove the behaviour; this proves the fit,
 * so it stays lean (CI time).
 */
import type { Page } from "@playwright/test";
import { ACCOUNT_SECTIONS } from "../../app/(account)/account/areas";
import { MAX_ACTIVE_SESSIONS } from "../../lib/config/sessions";
import { expect, test } from "../e2e/fixtures";
import { fillTheLists } from "../e2e/support/account-data";
import { extractLink, waitForMail } from "../e2e/support/mailbox";
import { createCustomer, e2eDb, signInAs, uniqueEmail } from "../e2e/support/users";
import { expectNoHorizontalOverflow } from "./no-overflow";

// Every page of the navigation (a section added to areas.ts is checked without touching this spec)
// and the pages behind it.
const ACCOUNT_PAGES = ["/account", ...ACCOUNT_SECTIONS.map((s) => s.href), "/account/addresses/new"];

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await expectNoHorizontalOverflow(page);
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByRole("textbox", { name: "Passwort (Pflichtfeld)" }).fill(password);
  await page.getByRole("button", { name: "Anmelden", exact: true }).click();
}

test("[CUSTOMER] signs up and confirms the address on a phone", async ({ page }) => {
  const email = uniqueEmail("handy");
  const since = new Date();
  await page.goto("/register");
  await expectNoHorizontalOverflow(page);
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel("Passwort").fill("Sonnenblumen am Gartenzaun 2026");
  await page.getByLabel(/Ich akzeptiere die Nutzungsbedingungen/).check();
  await page.getByRole("button", { name: "Konto erstellen" }).click();
  await expect(page).toHaveURL("/register/check-email");
  await expectNoHorizontalOverflow(page);

  await page.goto(extractLink(await waitForMail({ to: email, since }), "/verify-email"));
  await expect(page.getByRole("button", { name: "E-Mail-Adresse bestätigen" })).toBeVisible();
  await expectNoHorizontalOverflow(page); // the confirm page
  await page.getByRole("button", { name: "E-Mail-Adresse bestätigen" }).click();
  await expect(page.getByText("Ihre E-Mail-Adresse ist bestätigt")).toBeVisible();
  await expectNoHorizontalOverflow(page);
});

test("[CUSTOMER] on a phone finds every account page within the width of the screen", async ({
  page,
  browser,
}) => {
  const customer = await createCustomer({ displayName: "Erika Mustermann-Schwarzenberger" });
  await fillTheLists(customer.id, customer.email);
  // As many devices as allowed, the oldest idle for days: the sign-in below signs it out and the
  // security page names it (the session-limit notice, docs/decisions/0033).
  const others = await browser.newContext();
  const oldest = await signInAs(others, customer.id);
  await e2eDb().session.update({
    where: { id: oldest },
    data: { lastSeenAt: new Date(Date.now() - 5 * 86_400_000), ip: "2001:db8:85a3:8d3:1319:8a2e:370:7348" },
  });
  for (let i = 1; i < MAX_ACTIVE_SESSIONS; i++) await signInAs(others, customer.id);
  await others.close();

  await signIn(page, customer.email, customer.password);
  await expect(page).toHaveURL("/account");

  for (const path of ACCOUNT_PAGES) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoHorizontalOverflow(page);
    // No page is a long scroll on a phone (issue 15 item 10: "no page six screens long"; with ten devices /account/security measures 5.5).
    const screens = await page.evaluate(() => document.documentElement.scrollHeight / window.innerHeight);
    expect.soft(screens, `${path} is ${screens.toFixed(1)} screens long`).toBeLessThan(6);
  }
  await page.goto("/account/security");
  await expect(page.getByRole("region", { name: "Automatisch abgemeldet" })).toBeVisible();
  await expectNoHorizontalOverflow(page);

  // The sections are one compact menu on a phone, not rows of links above the page.
  const nav = page.getByRole("navigation", { name: "Kontobereiche" });
  await expect(nav.getByRole("link")).toHaveCount(0);
  await nav.getByText("Kontobereiche: Sicherheit").click();
  await nav.getByRole("link", { name: "Adressen" }).click();
  await expect(page).toHaveURL("/account/addresses");
  await expect(nav.getByRole("link")).toHaveCount(0); // closed again after the navigation
});

test("[CUSTOMER] on a phone releases a stopped sign-in, reports another and unlocks the browser", async ({
  page,
}) => {
  const customer = await createCustomer();
  await e2eDb().signInAttempt.create({
    data: {
      userId: customer.id,
      emailNormalized: customer.email,
      method: "PASSWORD",
      result: "SUCCEEDED",
      ip: "81.169.145.1",
      country: "DE",
      city: "Berlin",
      latitude: 52.52,
      longitude: 13.405,
      createdAt: new Date(Date.now() - 3_600_000),
    },
  });
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": "8.8.8.8" }); // geoip-lite: US
  const since = new Date();
  await signIn(page, customer.email, customer.password);
  await expect(page.getByRole("alert").filter({ hasText: "zu Ihrem Schutz gestoppt" })).toBeVisible();
  await expectNoHorizontalOverflow(page);
  const mail = await waitForMail({ to: customer.email, since, subject: /Anmeldung in Ihrem Konto gestoppt/ });

  await page.goto(extractLink(mail, "/login/not-me"));
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await page.goto(extractLink(mail, "/login/it-was-me"));
  await expect(page.getByRole("heading", { level: 1, name: "Gestoppte Anmeldung freigeben" })).toBeVisible();
  await expectNoHorizontalOverflow(page);

  // The unlock page: a throttled account asks for the link.
  const { createHash } = await import("node:crypto");
  const key = `signInAccount:${createHash("sha256").update(customer.email.toLowerCase()).digest("hex")}`;
  const far = new Date(Date.now() + 365 * 86_400_000);
  await e2eDb().rateLimitBucket.create({
    data: { key, count: 100, consecutiveFailures: 100, lockedUntil: far, expiresAt: far },
  });
  await signIn(page, customer.email, customer.password);
  const unlockSince = new Date();
  await page.getByRole("button", { name: "Link zum Freischalten senden" }).click();
  const unlock = await waitForMail({
    to: customer.email,
    since: unlockSince,
    subject: /Freischalten der Anmeldung/,
  });
  await page.goto(extractLink(unlock, "/login/unlock"));
  await expect(page.getByRole("button", { name: "In diesem Browser freischalten" })).toBeVisible();
  await expectNoHorizontalOverflow(page);
});
