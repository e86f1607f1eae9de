import { MAX_ACTIVE_SESSIONS } from "../../lib/config/sessions";
import { expect, test } from "./fixtures";
import { createCustomer, e2eDb, signInAs } from "./support/users";

// docs/decisions/0033: at most MAX_ACTIVE_SESSIONS sessions at once; a sign-in past it signs out
// the least recently used one, and the security page says which.
test("[CUSTOMER] signs in past the maximum of devices: the longest inactive one is signed out and named", async ({
  page,
  browser,
}) => {
  const customer = await createCustomer();
  const oldContext = await browser.newContext();
  const oldest = await signInAs(oldContext, customer.id);
  await e2eDb().session.update({
    where: { id: oldest },
    data: {
      lastSeenAt: new Date(Date.now() - 5 * 86_400_000),
      ip: "203.0.113.77",
      city: "Leipzig",
      country: "DE",
    },
  });
  const others = await browser.newContext();
  for (let i = 1; i < MAX_ACTIVE_SESSIONS; i++) await signInAs(others, customer.id);
  await others.close();

  await page.goto("/login");
  await page.getByLabel("E-Mail-Adresse").fill(customer.email);
  await page.getByLabel("Passwort").fill(customer.password);
  await page.getByRole("button", { name: "Anmelden", exact: true }).click();
  await expect(page).toHaveURL("/account");

  const oldPage = await oldContext.newPage();
  await oldPage.goto("/account");
  await expect(oldPage).toHaveURL("/login?callbackUrl=%2Faccount");
  await oldContext.close();

  await page.goto("/account/security");
  const ended = page.getByRole("region", { name: "Automatisch abgemeldet" });
  await expect(ended).toContainText(`höchstens ${MAX_ACTIVE_SESSIONS} Geräten gleichzeitig`);
  await expect(ended.getByRole("listitem")).toHaveCount(1);
  // The approximate place from the GeoIP data, not the IP (which shows only where no place is known).
  await expect(ended.getByRole("listitem")).toContainText("Leipzig, DE");
  await expect(ended.getByRole("listitem")).not.toContainText("203.0.113.77");
  await expect(page.getByRole("list", { name: "Angemeldete Geräte" }).getByRole("listitem")).toHaveCount(
    MAX_ACTIVE_SESSIONS,
  );
});
