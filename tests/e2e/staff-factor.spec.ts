/**
 * Staff roles must have a second factor or passkey (docs/decisions/0007): a support agent with a password
 * only is sent to set one up before the staff area opens.
 */
import { activateAuthenticatorApp } from "./support/totp";
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
  await activateAuthenticatorApp(page);

  await page.goto("/support");
  await expect(page).toHaveURL("/support");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});
