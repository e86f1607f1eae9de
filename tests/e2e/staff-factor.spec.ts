/**
 * Staff roles must have a second factor or passkey (issue 4): a support agent with a password
 * only is sent to set one up before the staff area opens.
 */
import { Secret, TOTP } from "otpauth";
import { expect, test } from "./fixtures";
import { createCustomer, e2eDb, signInAs } from "./support/users";

test("[SUPPORT] without a second factor is sent to set one up, and gets in once it is active", async ({
  page,
  context,
}) => {
  const agent = await createCustomer();
  await e2eDb().userRole.create({ data: { userId: agent.id, role: "SUPPORT" } });
  await signInAs(context, agent.id);

  await page.goto("/support");
  await expect(page).toHaveURL("/account/security?notice=staff-factor-required");
  await expect(page.getByText("Bitte richten Sie einen zweiten Faktor ein")).toBeVisible();

  // Set up the authenticator app through the page, as the notice asks.
  await page.getByRole("button", { name: "Authenticator-App einrichten" }).click();
  const secret = (await page.getByLabel("Schlüssel für die manuelle Eingabe").inputValue()).replace(
    /\s+/g,
    "",
  );
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  // Away from a step boundary, so the code is still current when the form arrives.
  const secondsLeft = 30 - ((Date.now() / 1000) % 30);
  if (secondsLeft < 3) await page.waitForTimeout(secondsLeft * 1000 + 200);
  await page
    .getByLabel("Sechsstelliger Code aus der App")
    .fill(new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate());
  await page.getByRole("button", { name: "Aktivieren" }).click();
  await expect(page.getByText("Die Authenticator-App ist jetzt aktiv.")).toBeVisible();

  await page.goto("/support");
  await expect(page).toHaveURL("/support");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});
