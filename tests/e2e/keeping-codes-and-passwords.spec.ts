/**
 * Issue 15 items 12 and 13: new recovery codes can be copied, downloaded as a .txt and printed, and
 * the QR code and key are gone once the authenticator app is active; every password field can show
 * what was typed.
 */
import { readFile } from "node:fs/promises";
import { expect, test } from "./fixtures";
import { activateAuthenticatorApp } from "./support/totp";
import { createCustomer, signInAs } from "./support/users";

test("[CUSTOMER] keeps the new recovery codes by copying, downloading and printing them; the set-up is gone", async ({
  page,
  context,
}) => {
  const customer = await createCustomer();
  await signInAs(context, customer.id);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/account/security");
  await activateAuthenticatorApp(page);

  // Active now: the QR code and the key are no longer on the page beside the codes.
  await expect(page.getByRole("img", { name: "QR-Code zum Einrichten der Authenticator-App" })).toHaveCount(
    0,
  );
  await expect(page.getByLabel("Schlüssel für die manuelle Eingabe")).toHaveCount(0);
  const codes = (
    await page
      .getByRole("list", { name: "Ihre Wiederherstellungscodes" })
      .getByRole("listitem")
      .allTextContents()
  ).map((c) => c.trim());
  expect(codes).toHaveLength(10);

  await page.getByRole("button", { name: "Kopieren" }).click();
  await expect(page.getByText("Die Wiederherstellungscodes sind in der Zwischenablage.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(codes.join("\n"));

  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Als Textdatei herunterladen" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("wiederherstellungscodes.txt");
  const text = await readFile((await download.path())!, "utf8");
  expect(text).toContain("Ihre Wiederherstellungscodes");
  for (const code of codes) expect(text).toContain(code);

  // Printing prints the codes only: the page is marked for the print style while the dialog is open.
  await page.evaluate(() => {
    window.print = () => {
      document.documentElement.dataset.printedWith = document.body.className;
    };
  });
  await page.getByRole("button", { name: "Drucken" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-printed-with", /printing-recovery-codes/);

  await page.getByRole("button", { name: "Ich habe die Codes gespeichert" }).click();
  await expect(page.getByText(/10 Wiederherstellungscodes übrig/)).toBeVisible();
  // [ATTACKER] a reload of the page does not bring the codes or the key back.
  await page.reload();
  await expect(page.getByRole("list", { name: "Ihre Wiederherstellungscodes" })).toHaveCount(0);
  await expect(page.getByLabel("Schlüssel für die manuelle Eingabe")).toHaveCount(0);
});

test("[CUSTOMER] shows the typed password on the sign-in form, hides it again and signs in", async ({
  page,
}) => {
  const customer = await createCustomer();
  await page.goto("/login");
  await page.getByLabel("E-Mail-Adresse").fill(customer.email);
  const password = page.getByRole("textbox", { name: "Passwort (Pflichtfeld)" });
  await password.fill(customer.password);
  await expect(password).toHaveAttribute("type", "password");

  const toggle = page.getByRole("button", { name: "Passwort anzeigen" });
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await expect(password).toHaveAttribute("type", "text");
  await expect(password).toHaveValue(customer.password);
  await toggle.click();
  await expect(password).toHaveAttribute("type", "password");

  await page.getByRole("button", { name: "Anmelden", exact: true }).click();
  await expect(page).toHaveURL("/account");
});
