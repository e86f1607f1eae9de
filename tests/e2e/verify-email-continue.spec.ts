/**
 * After the verification link (issue 15 item 5, docs/decisions/0056): the browser that registered
 * continues signed in; another device goes to the sign-in form with the address filled in; a
 * second click on the used link says kindly that the address is confirmed.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { extractLink, waitForMail } from "./support/mailbox";
import { createCustomer, e2eDb, signInAs, uniqueEmail } from "./support/users";

const PASSWORD = "Sonnenblumen am Gartenzaun 2026";

async function signUp(page: Page, email: string): Promise<string> {
  const since = new Date();
  await page.goto("/register");
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel("Passwort").fill(PASSWORD);
  await page.getByLabel(/Ich akzeptiere die Nutzungsbedingungen/).check();
  await page.getByRole("button", { name: "Konto erstellen" }).click();
  await expect(page).toHaveURL("/register/check-email");
  return extractLink(await waitForMail({ to: email, since }), "/verify-email");
}

test("[CUSTOMER] confirms on the device that registered and continues signed in", async ({ page }) => {
  const email = uniqueEmail("weiter");
  const link = await signUp(page, email);
  await page.goto(link);
  await page.getByRole("button", { name: "E-Mail-Adresse bestätigen" }).click();
  await expect(page.getByText("Ihre E-Mail-Adresse ist bestätigt")).toBeVisible();
  await page.getByRole("link", { name: "Zu meinem Konto" }).click();
  await expect(page).toHaveURL("/account");

  // The second click on the used link: kind, not "invalid", and no address on the page.
  await page.goto(link);
  await expect(page.getByText("Ihre Adresse ist bereits bestätigt.")).toBeVisible();
  await expect(page.getByText(email)).toHaveCount(0);
  await page.getByRole("link", { name: "Weiter zum Konto" }).click();
  await expect(page).toHaveURL("/account");
});

test("[CUSTOMER] confirms on another device and finds the sign-in form with the address filled in", async ({
  page,
  browser,
}) => {
  const email = uniqueEmail("anderes-geraet");
  const link = await signUp(page, email);
  const phone = await browser.newContext();
  const phonePage = await phone.newPage();
  await phonePage.goto(link);
  await phonePage.getByRole("button", { name: "E-Mail-Adresse bestätigen" }).click();
  await expect(phonePage).toHaveURL(/\/login\?confirmed=1/);
  await expect(
    phonePage.getByText("Ihre E-Mail-Adresse ist bestätigt. Melden Sie sich jetzt an."),
  ).toBeVisible();
  await expect(phonePage.getByLabel("E-Mail-Adresse")).toHaveValue(email);
  await phonePage.getByRole("textbox", { name: "Passwort (Pflichtfeld)" }).fill(PASSWORD);
  await phonePage.getByRole("button", { name: "Anmelden", exact: true }).click();
  await expect(phonePage).toHaveURL("/account");
  await phone.close();
});

test("[ATTACKER] a forged or replayed link signs nobody in and reveals nothing", async ({
  page,
  browser,
}) => {
  const email = uniqueEmail("opfer");
  const link = await signUp(page, email);
  const attacker = await browser.newContext();
  const attackerPage = await attacker.newPage();
  await attackerPage.goto("/verify-email?token=geraten");
  await expect(attackerPage.getByText("Dieser Link ist ungültig")).toBeVisible();

  // The owner confirms in the registering browser; a replay from elsewhere opens no session.
  await page.goto(link);
  await page.getByRole("button", { name: "E-Mail-Adresse bestätigen" }).click();
  await expect(page.getByText("Ihre E-Mail-Adresse ist bestätigt")).toBeVisible();
  const user = await e2eDb().user.findUniqueOrThrow({ where: { emailNormalized: email } });
  const sessions = await e2eDb().session.count({ where: { userId: user.id } });
  await attackerPage.goto(link);
  await expect(attackerPage.getByRole("button", { name: "E-Mail-Adresse bestätigen" })).toHaveCount(0);
  await attackerPage.goto("/account");
  await expect(attackerPage).toHaveURL(/\/login/);
  expect(await e2eDb().session.count({ where: { userId: user.id } })).toBe(sessions);
  await attacker.close();
});

test("[CUSTOMER] signed in already, confirms a link resent from the account banner and stays signed in", async ({
  page,
  context,
}) => {
  const customer = await createCustomer({ verified: false });
  await signInAs(context, customer.id);
  const since = new Date();
  await page.goto("/account");
  await page.getByRole("button", { name: "Link erneut senden" }).click();
  const link = extractLink(await waitForMail({ to: customer.email, since }), "/verify-email");
  await page.goto(link);
  await page.getByRole("button", { name: "E-Mail-Adresse bestätigen" }).click();
  await expect(page).toHaveURL("/verify-email?status=verified");
  await page.getByRole("link", { name: "Zu meinem Konto" }).click();
  await expect(page).toHaveURL("/account");
});
