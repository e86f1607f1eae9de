/**
 * Open redirect after sign-in (docs/decisions/0023): a link to the portal's sign-in page whose
 * return path a browser could read as another origin must land the customer on the portal.
 * tests/unit/safe-path.test.ts and tests/integration/open-redirect.test.ts hold the full table.
 */
import { expect, test } from "./fixtures";
import { createCustomer, E2E_BASE_URL } from "./support/users";

const HOSTILE = ["/.//evil.example/x", "/..//evil.example/x", "/%2F%2Fevil.example/x"];

for (const callbackUrl of HOSTILE) {
  test(`[ATTACKER] a sign-in link with callbackUrl=${callbackUrl} keeps the customer on the portal`, async ({
    page,
  }) => {
    const customer = await createCustomer();
    // Anything the browser tries outside the portal is recorded and refused.
    const offSite: string[] = [];
    await page.route(
      (url) => url.origin !== new URL(E2E_BASE_URL).origin,
      async (route) => {
        offSite.push(route.request().url());
        await route.abort();
      },
    );

    await page.goto(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    await page.getByLabel("E-Mail-Adresse").fill(customer.email);
    await page.getByLabel("Passwort").fill(customer.password);
    await page.getByRole("button", { name: "Anmelden", exact: true }).click();

    await expect(page).toHaveURL(`${E2E_BASE_URL}/account`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(new URL(page.url()).origin).toBe(new URL(E2E_BASE_URL).origin);
    expect(offSite.filter((url) => url.includes("evil.example"))).toEqual([]);
  });
}
