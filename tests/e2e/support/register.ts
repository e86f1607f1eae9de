/**
 * A customer as a real sign-up leaves them: registered through /register (which records the terms
 * checkbox as consent), the address confirmed from the mail, signed in with the password.
 */
import { expect, type Page } from "@playwright/test";
import { extractLink, waitForMail } from "./mailbox";
import { e2eDb, uniqueEmail } from "./users";

export async function registerAndSignIn(page: Page, prefix = "kundin") {
  const email = uniqueEmail(prefix);
  const password = "Sonnenblumen am Gartenzaun 2026";
  const since = new Date();
  await page.goto("/register");
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel("Passwort").fill(password);
  await page.getByLabel(/Ich akzeptiere die Nutzungsbedingungen/).check();
  await page.getByRole("button", { name: "Konto erstellen" }).click();
  await expect(page).toHaveURL("/register/check-email");
  await page.goto(extractLink(await waitForMail({ to: email, since }), "/verify-email"));
  await page.getByRole("button", { name: "E-Mail-Adresse bestätigen" }).click();
  await expect(page.getByText("Ihre E-Mail-Adresse ist bestätigt")).toBeVisible();

  await page.goto("/login");
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel("Passwort").fill(password);
  await page.getByRole("button", { name: "Anmelden", exact: true }).click();
  await expect(page).toHaveURL("/account");
  const user = await e2eDb().user.findUniqueOrThrow({ where: { emailNormalized: email } });
  return { id: user.id, email, password };
}
