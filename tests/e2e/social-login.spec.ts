/**
 * Social login against a real OpenID Connect provider (tests/e2e/servers/oidc-provider.ts, started
 * by the Playwright config as "Test-IdP"). The provider's development login form accepts any login
 * name; the name becomes the verified email the ID token asserts.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { activateAuthenticatorApp, totpCode } from "./support/totp";
import { createCustomer, e2eDb, signInAs, uniqueEmail } from "./support/users";

const IDP = "http://localhost:3127";
const CONTINUE_WITH_IDP = "Mit Test-IdP anmelden";

/**
 * Signs in at the provider. Its development form is not ours and has no labels, so its fields are
 * found by their placeholders; the fixture skips the provider's pages (axeAudits.skipOrigin).
 */
async function signInAtProvider(page: Page, login: string): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`^${IDP}/interaction/`));
  await page.getByPlaceholder("Enter any login").fill(login);
  await page.getByPlaceholder("and password").fill("any password works here");
  await page.getByRole("button", { name: "Sign-in" }).click();
  // First use of the portal at this provider: it asks to share the profile with it.
  await page.getByRole("button", { name: "Continue" }).click();
}

test("[CUSTOMER] signs up with the social provider", async ({ page, axeAudits }) => {
  axeAudits.skipOrigin(IDP);
  const email = uniqueEmail("sozial");
  await page.goto("/register");
  await page.getByRole("button", { name: CONTINUE_WITH_IDP }).click();
  await signInAtProvider(page, email);

  await expect(page).toHaveURL("/account");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const user = await e2eDb().user.findUniqueOrThrow({
    where: { emailNormalized: email },
    include: { socialIdentities: true, passwordCredential: true, consentRecords: true },
  });
  expect(user.socialIdentities).toMatchObject([{ provider: "testidp", subject: email, email }]);
  expect(user.passwordCredential).toBeNull();
  expect(user.emailVerifiedAt).not.toBeNull(); // the provider asserted email_verified
  expect(user.consentRecords).toHaveLength(1); // terms and privacy notice, one statement on the page

  // The identity is the account's only way in, so the security page will not remove it.
  await page.goto("/account/security");
  const linked = page.getByRole("list", { name: "Verknüpfte Konten" });
  await expect(linked).toContainText("Test-IdP");
  await linked.getByRole("button", { name: "Entfernen: Test-IdP" }).click();
  await expect(page.getByText("Das ist Ihre einzige Möglichkeit, sich anzumelden.")).toBeVisible();
  expect(await e2eDb().socialIdentity.count({ where: { userId: user.id } })).toBe(1);
});

test("[ATTACKER] an ID token signed with a key the provider did not publish opens no account and no session", async ({
  page,
  axeAudits,
}) => {
  axeAudits.skipOrigin(IDP);
  // The test provider re-signs this login's ID token with a foreign key (servers/oidc-provider.ts).
  const login = `forged-signature-${Date.now()}`;
  await page.goto("/register");
  await page.getByRole("button", { name: CONTINUE_WITH_IDP }).click();
  await signInAtProvider(page, login);

  await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/login\?/);
  await expect(page.getByText("Die Anmeldung über den Anbieter hat nicht geklappt.")).toBeVisible();
  expect(await e2eDb().user.count({ where: { emailNormalized: `${login}@idp.example` } })).toBe(0);
  expect(await e2eDb().socialIdentity.count({ where: { subject: login } })).toBe(0);
  await page.goto("/account");
  await expect(page).toHaveURL("/login?callbackUrl=%2Faccount");
});

test("[CUSTOMER] links the social identity to an existing password account only after proving it", async ({
  page,
  axeAudits,
}) => {
  axeAudits.skipOrigin(IDP);
  const customer = await createCustomer({ email: uniqueEmail("bestand") });
  const identities = () => e2eDb().socialIdentity.count({ where: { userId: customer.id } });

  await page.goto("/login");
  await page.getByRole("button", { name: CONTINUE_WITH_IDP }).click();
  await signInAtProvider(page, customer.email);

  // Same verified email as the existing account: nothing is linked until the account is proven.
  await expect(page).toHaveURL(/\/login\/link\?token=/);
  await expect(page.getByRole("heading", { level: 1, name: "Konto verknüpfen" })).toBeVisible();
  await expect(page.getByText("Sie haben sich mit Test-IdP angemeldet.")).toContainText("b***@example.com");
  expect(await identities()).toBe(0);

  const password = page.getByLabel("Passwort Ihres Kontos");
  await password.fill("ganz sicher nicht das Passwort");
  await page.getByRole("button", { name: "Bestätigen und verknüpfen" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Das Passwort ist nicht korrekt." })).toBeVisible();
  await expect(password).toHaveAttribute("aria-invalid", "true");
  expect(await identities()).toBe(0);

  await password.fill(customer.password);
  await page.getByRole("button", { name: "Bestätigen und verknüpfen" }).click();
  await expect(page).toHaveURL("/account");
  expect(await identities()).toBe(1);

  // Signed out, the provider alone now signs this account in, without another proof.
  await page.getByRole("banner").getByRole("button", { name: "Abmelden" }).click();
  await expect(page).toHaveURL("/login");
  await page.getByRole("button", { name: CONTINUE_WITH_IDP }).click();
  await expect(page).toHaveURL("/account");
  const sessions = await e2eDb().session.findMany({
    where: { userId: customer.id },
    orderBy: { createdAt: "asc" },
  });
  expect(sessions.map((s) => s.authMethods)).toEqual([["PASSWORD", "SOCIAL"], ["SOCIAL"]]);
});

test("[CUSTOMER] connects the provider from the security page and removes it again", async ({
  page,
  axeAudits,
}) => {
  axeAudits.skipOrigin(IDP);
  const customer = await createCustomer();
  await signInAs(page.context(), customer.id);
  await page.goto("/account/security");
  await page.getByRole("button", { name: "Test-IdP verbinden" }).click();
  // Any provider account may be connected by its signed-in owner, whatever its address.
  await signInAtProvider(page, `anderer-name-${Date.now()}`);

  await expect(page).toHaveURL("/account/security"); // told by the toaster (decision 0054)
  await expect(page.getByText("Das Konto wurde verknüpft.")).toBeVisible();
  const linked = page.getByRole("list", { name: "Verknüpfte Konten" });
  await expect(linked).toContainText("Test-IdP");

  // A password remains, so the identity may go.
  await linked.getByRole("button", { name: "Entfernen: Test-IdP" }).click();
  await expect(page.getByText("Die Verknüpfung wurde entfernt.")).toBeVisible();
  expect(await e2eDb().socialIdentity.count({ where: { userId: customer.id } })).toBe(0);
});

test("[CUSTOMER] with an authenticator app signs in with the provider and still confirms with the app's code", async ({
  page,
  context,
  axeAudits,
}) => {
  axeAudits.skipOrigin(IDP);
  const customer = await createCustomer({ email: uniqueEmail("sozial-totp") });
  // The provider account with the customer's address is already linked to the account.
  await e2eDb().socialIdentity.create({
    data: { userId: customer.id, provider: "testidp", subject: customer.email, email: customer.email },
  });
  await signInAs(context, customer.id);
  await page.goto("/account/security");
  const secret = await activateAuthenticatorApp(page);
  await page.getByRole("button", { name: "Ich habe die Codes gespeichert" }).click();
  await page.getByRole("banner").getByRole("button", { name: "Abmelden" }).click();
  await expect(page).toHaveURL("/login");

  // The provider alone is one factor: the one door asks for the second (docs/decisions/0020).
  await page.getByRole("button", { name: CONTINUE_WITH_IDP }).click();
  await signInAtProvider(page, customer.email);
  await expect(page).toHaveURL("/login/verify");
  await expect(page.getByText("Der Anbieter hat Sie erkannt.")).toBeVisible();
  await expect(page.getByText("Sie haben für Ihr Konto eine Authenticator-App eingerichtet.")).toBeVisible();
  expect(await e2eDb().session.count({ where: { userId: customer.id, revokedAt: null } })).toBe(0);

  // The set-up used the current step, so that code is spent; the next step's is within the window.
  await page.getByLabel("Code aus der Authenticator-App").fill(await totpCode(secret, 1));
  await page.getByRole("button", { name: "Bestätigen" }).click();
  await expect(page).toHaveURL("/account");
  const session = await e2eDb().session.findFirstOrThrow({
    where: { userId: customer.id, revokedAt: null },
  });
  expect(session).toMatchObject({ aal: 2, authMethods: ["SOCIAL", "TOTP"] });
});
