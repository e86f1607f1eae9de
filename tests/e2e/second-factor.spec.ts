import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { waitForMail } from "./support/mailbox";
import { activateAuthenticatorApp, totpCode } from "./support/totp";
import { createCustomer, e2eDb, signInAs } from "./support/users";

/** Sets up the authenticator app in /account/security; returns the secret and the recovery codes. */
async function enableTotp(page: Page, email: string) {
  const since = new Date();
  await page.goto("/account/security");
  const secret = await activateAuthenticatorApp(page);
  const list = page.getByRole("list", { name: "Ihre Wiederherstellungscodes" });
  await expect(list.getByRole("listitem")).toHaveCount(10);
  const recoveryCodes = await list.getByRole("listitem").allTextContents();
  // NIST SP 800-63B-4: the account holder is told about a new authenticator.
  await waitForMail({ to: email, subject: /Neuer zweiter Faktor/, since });
  await page.getByRole("button", { name: "Ich habe die Codes gespeichert" }).click();
  await expect(page.getByText(/10 Wiederherstellungscodes übrig/)).toBeVisible();
  return { secret, recoveryCodes: recoveryCodes.map((c) => c.trim()) };
}

async function signOut(page: Page) {
  await page.getByRole("banner").getByRole("button", { name: "Abmelden" }).click();
  await expect(page).toHaveURL("/login");
}

async function passwordStep(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel("Passwort").fill(password);
  await page.getByRole("button", { name: "Anmelden", exact: true }).click();
  await expect(page).toHaveURL("/login/verify");
  await expect(page.getByRole("heading", { level: 1, name: "Anmeldung bestätigen" })).toBeVisible();
}

test("[CUSTOMER] enables TOTP with a code computed from the secret shown on the page, signs out, signs in with password + TOTP at /login/verify", async ({
  page,
  context,
}) => {
  const customer = await createCustomer();
  await signInAs(context, customer.id);
  const { secret } = await enableTotp(page, customer.email);
  await signOut(page);

  await passwordStep(page, customer.email, customer.password);
  const codeField = page.getByLabel("Code aus der Authenticator-App");
  await expect(codeField).toHaveAttribute("autocomplete", "one-time-code");
  await expect(codeField).toHaveAttribute("inputmode", "numeric");
  // The set-up used the current step, so that code is spent; the next step's is within the window.
  await codeField.fill(await totpCode(secret, 1));
  await page.getByRole("button", { name: "Bestätigen" }).click();
  await expect(page).toHaveURL("/account");

  const session = await e2eDb().session.findFirstOrThrow({
    where: { userId: customer.id, revokedAt: null, userAgent: { not: "E2E fixture" } },
    orderBy: { createdAt: "desc" },
  });
  expect(session).toMatchObject({ aal: 2, authMethods: ["PASSWORD", "TOTP"] });
});

test("[CUSTOMER] a recovery code works once and only once", async ({ page, context }) => {
  const customer = await createCustomer();
  await signInAs(context, customer.id);
  const { recoveryCodes } = await enableTotp(page, customer.email);
  const [code] = recoveryCodes;
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{2}$/);
  await signOut(page);

  await passwordStep(page, customer.email, customer.password);
  await page.getByRole("button", { name: "Wiederherstellungscode verwenden" }).click();
  await page.getByLabel("Wiederherstellungscode").fill(code!);
  await page.getByRole("button", { name: "Bestätigen" }).click();
  await expect(page).toHaveURL("/account");
  await signOut(page);

  await passwordStep(page, customer.email, customer.password);
  await page.getByRole("button", { name: "Wiederherstellungscode verwenden" }).click();
  await page.getByLabel("Wiederherstellungscode").fill(code!);
  await page.getByRole("button", { name: "Bestätigen" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Der Code stimmt nicht" })).toBeVisible();
  await expect(page).toHaveURL("/login/verify");
  expect(await e2eDb().recoveryCode.count({ where: { userId: customer.id, usedAt: null } })).toBe(9);
});
