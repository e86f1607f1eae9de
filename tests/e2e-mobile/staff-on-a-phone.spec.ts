/**
 * The admin pages that hand out secrets, and the API reference, on a phone (390×844): a new API key
 * and a webhook signing secret are long unbroken strings and the reference has long paths and code,
 * the usual causes of sideways scrolling. The desktop specs prove the behaviour; this proves the fit.
 */
import { expect, test } from "../e2e/fixtures";
import { createStaff } from "../e2e/support/staff";
import { signInAs, STAFF_SESSION } from "../e2e/support/users";
import { expectNoHorizontalOverflow } from "./no-overflow";

test("[ADMIN] the API-key and webhook pages fit a phone, also with the new key and secret shown", async ({
  page,
  context,
}) => {
  const admin = await createStaff("ADMIN");
  await signInAs(context, admin.id, STAFF_SESSION);

  await page.goto("/admin/api-keys");
  await expectNoHorizontalOverflow(page);
  await page.getByLabel("Bezeichnung").fill(`Handy-Prüfung ${Date.now()}`);
  await page.getByLabel("Zielgruppen lesen (audiences:read)").check();
  await page.getByRole("button", { name: "Schlüssel erstellen" }).click();
  await expect(page.getByLabel("Neuer API-Schlüssel")).toHaveValue(/^kp_/);
  await expectNoHorizontalOverflow(page);

  await page.goto("/admin/webhooks");
  await expectNoHorizontalOverflow(page);
  await page.getByLabel(/^Adresse/).fill("https://crm.example.de/hooks/kundenportal");
  await page.getByRole("checkbox").first().check();
  await page.getByRole("button", { name: /eintragen/ }).click();
  await expect(page.getByLabel("Signaturgeheimnis")).toHaveValue(/^whsec_/);
  await expectNoHorizontalOverflow(page);
});

test("[INTEGRATOR] the API reference fits a phone", async ({ page }) => {
  await page.goto("/api/v1/docs");
  await expect(page.getByRole("heading", { level: 1, name: "API-Referenz" })).toBeVisible();
  await expectNoHorizontalOverflow(page);
});
