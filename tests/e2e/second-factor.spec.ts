import type { Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { expect, test } from "./fixtures";
import { waitForMail } from "./support/mailbox";
import { createCustomer, e2eDb, signInAs } from "./support/users";

const STEP_SECONDS = 30;

/**
 * The code an authenticator app would show `offsetSteps` steps from now. Waits out the last 3 s of
 * a step first, so the server never sees a code from a step that ended while the form was sent.
 */
async function totpCode(secret: string, offsetSteps = 0): Promise<string> {
  const secondsLeft = STEP_SECONDS - ((Date.now() / 1000) % STEP_SECONDS);
  if (secondsLeft < 3) await new Promise((resolve) => setTimeout(resolve, secondsLeft * 1000 + 200));
  const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: STEP_SECONDS });
  return totp.generate({ timestamp: Date.now() + offsetSteps * STEP_SECONDS * 1000 });
}

/** Sets up the authenticator app in /account/security; returns the secret and the recovery codes. */
async function enableTotp(page: Page, email: string) {
  const since = new Date();
  await page.goto("/account/security");
  await page.getByRole("button", { name: "Authenticator-App einrichten" }).click();
  await expect(page.getByRole("img", { name: "QR-Code zum Einrichten der Authenticator-App" })).toBeVisible();
  const secret = (await page.getByLabel("Schlüssel für die manuelle Eingabe").inputValue()).replace(
    /\s+/g,
    "",
  );
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);

  await page.getByLabel("Sechsstelliger Code aus der App").fill(await totpCode(secret));
  await page.getByRole("button", { name: "Aktivieren" }).click();
  await expect(page.getByText("Die Authenticator-App ist jetzt aktiv.")).toBeVisible();
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
