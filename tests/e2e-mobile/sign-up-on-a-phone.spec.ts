/**
 * The pages from sign-up to a usable account on a phone (issue 15 items 2 and 4–6, 390×844): each
 * fits the screen. The desktop specs (tests/e2e/terms.spec.ts, …) prove the behaviour.
 */
import { expect, test } from "../e2e/fixtures";
import { uniqueEmail } from "../e2e/support/users";
import { expectNoHorizontalOverflow } from "./no-overflow";

test("[VISITOR] reads the terms of use on a phone", async ({ page }) => {
  await page.goto("/terms");
  await expect(page.getByRole("heading", { level: 1, name: "Nutzungsbedingungen" })).toBeVisible();
  await expectNoHorizontalOverflow(page);
});

test("[CUSTOMER] on a phone sees the check-email page with the address, resend and change within the screen", async ({
  page,
}) => {
  const email = uniqueEmail("handy-postfach-mit-einer-recht-langen-adresse");
  await page.goto("/register");
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel("Passwort").fill("Sonnenblumen am Gartenzaun 2026");
  await page.getByLabel(/Ich akzeptiere die Nutzungsbedingungen/).check();
  await page.getByRole("button", { name: "Konto erstellen" }).click();
  await expect(page).toHaveURL("/register/check-email");
  await expect(page.getByRole("button", { name: "Erneut senden" })).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await page.getByRole("link", { name: "Ändern" }).click();
  await expect(page.getByLabel("E-Mail-Adresse")).toHaveValue(email);
  await expectNoHorizontalOverflow(page);
});
