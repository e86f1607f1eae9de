/**
 * Staff roles must have a second factor or passkey (docs/decisions/0007) and a staff session must
 * have used it (AAL2, docs/decisions/0040): a support agent with a password only is sent to set one
 * up, then to confirm with it, before the staff area opens.
 */
import { activateAuthenticatorApp, totpCode } from "./support/totp";
import { expect, test } from "./fixtures";
import { createCustomer, e2eDb, signInAs } from "./support/users";

test("[SUPPORT] without a second factor is sent to set one up, then to use it, and gets in", async ({
  page,
  context,
}) => {
  const agent = await createCustomer();
  await e2eDb().userRole.create({ data: { userId: agent.id, role: "SUPPORT" } });
  await signInAs(context, agent.id);

  await page.goto("/support");
  await expect(page).toHaveURL("/account/security"); // the notice is told by the toaster and leaves the address (decision 0054)
  await expect(page.getByText("Bitte richten Sie einen zweiten Faktor ein")).toBeVisible();

  // Set up the authenticator app through the page, as the notice asks.
  const secret = await activateAuthenticatorApp(page);

  // Owning the app is not enough: this session was opened with the password alone (AAL1).
  await page.goto("/support");
  await expect(page).toHaveURL(/\/login\/step-up\?callbackUrl=%2Fsupport$/);
  await page.getByLabel(/^Passwort/).fill(agent.password);
  // The set-up used the current step; the next step's code is within the window.
  await page.getByLabel("Code aus der Authenticator-App").fill(await totpCode(secret, 1));
  await page.getByRole("button", { name: "Bestätigen" }).click();
  await expect(page).toHaveURL("/support");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});
