/**
 * The account holder's ways out (docs/decisions/0021,
 * 0022), through the real mail: a sign-in the risk engine stopped is released from the mailbox
 * ("Das war ich") or reported ("Das war ich nicht"), and a throttled owner unlocks their browser
 * with an emailed link. The E2E server trusts X-Forwarded-For (TRUST_PROXY=1), so a test signs in
 * "from" another continent by setting the header.
 */
import { createHash } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { extractLink, waitForMail } from "./support/mailbox";
import { createCustomer, e2eDb, signInAs } from "./support/users";

/** A customer who signed in from Berlin an hour ago: the USA from a new browser is high risk. */
async function customerLastSeenInBerlin() {
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
  return customer;
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByRole("textbox", { name: "Passwort (Pflichtfeld)" }).fill(password);
  await page.getByRole("button", { name: "Anmelden", exact: true }).click();
}

/** Signs in from the USA, is stopped, and returns the mail about it. */
async function blockedSignIn(page: Page, customer: { email: string; password: string }) {
  const since = new Date();
  await signIn(page, customer.email, customer.password);
  const alert = page.getByRole("alert").filter({ hasText: "zu Ihrem Schutz gestoppt" });
  // Why, in words: the reasons the risk engine computed.
  await expect(alert).toContainText(
    "weil Sie sich von einem neuen Gerät, aus einem neuen Land und von einem",
  );
  await expect(alert).toContainText("„Das war ich“");
  await expect(page).toHaveURL("/login");
  return waitForMail({ to: customer.email, since, subject: /Anmeldung in Ihrem Konto gestoppt/ });
}

test("[CUSTOMER] unblocks a risky sign-in from the mailbox", async ({ page }) => {
  const customer = await customerLastSeenInBerlin();
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": "8.8.8.8" }); // geoip-lite: US
  const mail = await blockedSignIn(page, customer);
  expect(mail.text).toContain("weil sich jemand von einem neuen Gerät, aus einem neuen Land und");

  // Opening the link changes nothing (mail scanners fetch links): the button does.
  const itWasMe = extractLink(mail, "/login/it-was-me");
  await page.goto(itWasMe);
  await expect(page.getByRole("heading", { level: 1, name: "Gestoppte Anmeldung freigeben" })).toBeVisible();
  await page.getByRole("button", { name: "Ja, das war ich" }).click();
  await expect(page.getByText("Anmeldung freigegeben")).toBeVisible();
  // [ATTACKER] the same link again: used up, answered kindly.
  await page.goto(itWasMe);
  await expect(page.getByText("Dieser Link funktioniert nicht mehr")).toBeVisible();

  // The same browser again: not blocked, but asked for a code, and told why.
  const since = new Date();
  await signIn(page, customer.email, customer.password);
  await expect(page).toHaveURL("/login/verify");
  await expect(page.getByText("Sie haben die gestoppte Anmeldung per E-Mail freigegeben.")).toBeVisible();
  await expect(
    page.getByText(/Wir fragen nach einem Code, weil Sie sich von einem neuen Gerät, aus einem neuen Land/),
  ).toBeVisible();
  const codeMail = await waitForMail({ to: customer.email, since, subject: /Anmeldecode/ });
  await page.getByLabel("Code aus der E-Mail").fill(/\b(\d{6})\b/.exec(codeMail.text)![1]!);
  await page.getByRole("button", { name: "Bestätigen" }).click();
  await expect(page).toHaveURL("/account");

  // The sign-in history says in words why the code was asked.
  await page.goto("/account/security");
  await expect(
    page.getByText(/^Anmeldung von einem neuen Gerät, aus einem neuen Land/).first(),
  ).toBeVisible();
});

test('[CUSTOMER] "Das war ich nicht" signs out everywhere and leads to a new password', async ({
  page,
  browser,
}) => {
  const customer = await customerLastSeenInBerlin();
  // The customer is signed in on another device.
  const elsewhere = await browser.newContext();
  await signInAs(elsewhere, customer.id);
  const other = await elsewhere.newPage();
  await other.goto("/account");
  await expect(other).toHaveURL("/account");

  await page.setExtraHTTPHeaders({ "X-Forwarded-For": "104.16.0.1" }); // geoip-lite: US
  const mail = await blockedSignIn(page, customer);
  await page.goto(extractLink(mail, "/login/not-me"));
  await page.getByRole("button", { name: "Überall abmelden und neues Passwort festlegen" }).click();

  await expect(page).toHaveURL(/\/reset-password\?token=/);
  await expect(page.getByText("Wir haben Ihr Konto auf allen Geräten abgemeldet.")).toBeVisible();
  expect(await e2eDb().session.count({ where: { userId: customer.id, revokedAt: null } })).toBe(0);
  await other.goto("/account");
  await expect(other).toHaveURL(/\/login/);
  await elsewhere.close();

  // [ATTACKER] the stopped browser cannot be released any more.
  await page.goto(extractLink(mail, "/login/it-was-me"));
  await expect(page.getByText("Dieser Link funktioniert nicht mehr")).toBeVisible();
});

test("[CUSTOMER] is throttled on a new browser, asks for the unlock link and signs in there", async ({
  page,
}) => {
  const customer = await createCustomer();
  // Strangers made 100 wrong guesses: the account's bucket is locked until a reset (NIST bound).
  const key = `signInAccount:${createHash("sha256").update(customer.email.toLowerCase()).digest("hex")}`;
  const far = new Date(Date.now() + 365 * 86_400_000);
  await e2eDb().rateLimitBucket.create({
    data: { key, count: 100, consecutiveFailures: 100, lockedUntil: far, expiresAt: far },
  });

  await signIn(page, customer.email, customer.password);
  await expect(
    page.getByRole("alert").filter({ hasText: "Zu viele fehlgeschlagene Versuche" }),
  ).toBeVisible();
  const since = new Date();
  await page.getByRole("button", { name: "Link zum Freischalten senden" }).click();
  await expect(
    page.getByText("Falls zu dieser Adresse ein Konto besteht, haben wir einen Link geschickt."),
  ).toBeVisible();

  const mail = await waitForMail({ to: customer.email, since, subject: /Freischalten der Anmeldung/ });
  await page.goto(extractLink(mail, "/login/unlock"));
  await page.getByRole("button", { name: "In diesem Browser freischalten" }).click();
  await expect(page).toHaveURL("/login?unlocked=1");
  await expect(page.getByText("Die Anmeldung ist in diesem Browser freigeschaltet.")).toBeVisible();

  await page.getByLabel("E-Mail-Adresse").fill(customer.email);
  await page.getByRole("textbox", { name: "Passwort (Pflichtfeld)" }).fill(customer.password);
  await page.getByRole("button", { name: "Anmelden", exact: true }).click();
  await expect(page).toHaveURL("/account");
});
