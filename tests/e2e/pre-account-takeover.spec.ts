/**
 * Pre-account takeover (docs/decisions/0018) in the browser, with two people and two virtual
 * authenticators: an attacker signs up first with the victim's address; the victim registers, is
 * told the address has an account, resets the password from the mail and signs in. From then on
 * nothing the attacker set up opens the account (docs/decisions/0018).
 */
import type { Browser, Page } from "@playwright/test";
import { expect, test, type AxeAudits } from "./fixtures";
import { callServerAction } from "./support/forged-action";
import { extractLink, waitForMail } from "./support/mailbox";
import { e2eDb, uniqueEmail } from "./support/users";
import { addVirtualAuthenticator, runCeremony } from "./support/webauthn";

const VICTIM_PASSWORD = "Mein Konto gehört nur mir allein";
const UNVERIFIED_BANNER = "Bitte bestätigen Sie Ihre E-Mail-Adresse";

/** A second person on another machine: own context, own address, own authenticator. */
async function attackerPage(browser: Browser): Promise<Page> {
  const octet = () => 1 + Math.floor(Math.random() * 250);
  const context = await browser.newContext({
    locale: "de-DE",
    extraHTTPHeaders: { "X-Forwarded-For": `10.66.${octet()}.${octet()}` },
  });
  const page = await context.newPage();
  // Only the button signs in: the autofill request would answer on its own.
  await page.addInitScript(() => {
    PublicKeyCredential.isConditionalMediationAvailable = async () => false;
  });
  await addVirtualAuthenticator(page);
  return page;
}

async function passwordSignUp(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/register");
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel("Passwort").fill(password);
  await page.getByLabel(/Ich akzeptiere die Nutzungsbedingungen/).check();
  await page.getByRole("button", { name: "Konto erstellen" }).click();
  await expect(page).toHaveURL("/register/check-email");
}

async function passwordSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel("Passwort").fill(password);
  await page.getByRole("button", { name: "Anmelden", exact: true }).click();
  await expect(page).toHaveURL("/account");
}

/** The victim's side: register, follow the "you already have an account" mail, reset, sign in. */
async function victimReclaims(page: Page, email: string): Promise<void> {
  const since = new Date();
  await passwordSignUp(page, email, VICTIM_PASSWORD);
  const notice = await waitForMail({ to: email, since, subject: /Registrierungsversuch/ });
  await page.goto(extractLink(notice, "/forgot-password"));
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByRole("button", { name: "Link anfordern" }).click();
  await expect(page).toHaveURL("/forgot-password/sent");
  const resetMail = await waitForMail({ to: email, since, subject: /Zurücksetzen des Passworts/ });
  await page.goto(extractLink(resetMail, "/reset-password"));
  await page.getByLabel("Neues Passwort").fill(VICTIM_PASSWORD);
  await page.getByRole("button", { name: "Passwort speichern" }).click();
  await expect(page).toHaveURL("/login?reset=1");
  await passwordSignIn(page, email, VICTIM_PASSWORD);
}

async function passkeySignInFails(attacker: Page, axeAudits: AxeAudits): Promise<void> {
  await attacker.goto("/login");
  await runCeremony(
    attacker,
    axeAudits,
    () => attacker.getByRole("button", { name: "Mit Passkey anmelden" }).click(),
    attacker.getByRole("alert").filter({ hasText: "Die Anmeldung mit dem Passkey ist fehlgeschlagen." }),
  );
  await expect(attacker).toHaveURL("/login");
}

test("[ATTACKER] a passkey signed up with someone else's address stops working once the owner resets the password", async ({
  page,
  browser,
  axeAudits,
}) => {
  const victimEmail = uniqueEmail("opfer");
  const attacker = await attackerPage(browser);

  // The attacker signs up first, with the victim's address and a passkey, and signs in with it.
  await attacker.goto("/register");
  await attacker.getByRole("button", { name: "Mit Passkey registrieren" }).click();
  const signUp = attacker.getByRole("region", { name: "Registrierung mit Passkey" });
  await signUp.getByLabel("E-Mail-Adresse").fill(victimEmail);
  await signUp.getByLabel(/Ich akzeptiere die Nutzungsbedingungen/).check();
  await runCeremony(
    attacker,
    axeAudits,
    () => signUp.getByRole("button", { name: "Passkey erstellen" }).click(),
    attacker.getByRole("heading", { level: 1, name: "Bitte prüfen Sie Ihr Postfach" }),
  );
  await attacker.goto("/login");
  await runCeremony(
    attacker,
    axeAudits,
    () => attacker.getByRole("button", { name: "Mit Passkey anmelden" }).click(),
    attacker.getByRole("navigation", { name: "Kontobereiche" }),
  );
  await expect(attacker.getByText(UNVERIFIED_BANNER)).toBeVisible();

  await victimReclaims(page, victimEmail);

  // The attacker's session is gone, and their passkey no longer signs in (the generic message).
  await attacker.goto("/account");
  await expect(attacker).toHaveURL("/login?callbackUrl=%2Faccount");
  await passkeySignInFails(attacker, axeAudits);

  // The reset proved the mailbox: the address is confirmed, and the victim's own passkey, on the
  // victim's own authenticator, is the only one on the account.
  await expect(page.getByText(UNVERIFIED_BANNER)).toHaveCount(0);
  await addVirtualAuthenticator(page);
  await page.goto("/account/security");
  await expect(page.getByText("Sie haben noch keinen Passkey.")).toBeVisible();
  await runCeremony(
    page,
    axeAudits,
    () => page.getByRole("button", { name: "Passkey hinzufügen" }).click(),
    page.getByRole("status").filter({ hasText: /wurde hinzugefügt/ }),
  );
  const user = await e2eDb().user.findUniqueOrThrow({
    where: { emailNormalized: victimEmail },
    include: { passkeys: true },
  });
  expect(user.emailVerifiedAt).not.toBeNull();
  expect(user.passkeys).toHaveLength(1);
  await attacker.context().close();
});

test("[ATTACKER] cannot add a passkey to an account whose address is not confirmed, on the page or by a forged request", async ({
  page,
}) => {
  const email = uniqueEmail("fremd");
  const password = "Ein Passwort für ein fremdes Konto";
  await passwordSignUp(page, email, password);
  await passwordSignIn(page, email, password);

  await page.goto("/account/security");
  await expect(page.getByText(/Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse.*Passkey/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Passkey hinzufügen" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Authenticator-App einrichten" })).toHaveCount(0);

  // The server refuses too, whoever calls the action.
  const forged = await callServerAction(page.context().request, {
    pagePath: "/account/security",
    filename: "lib/actions/passkeys.ts",
    exportedName: "startPasskeyRegistrationAction",
    args: [],
  });
  // The action's answer is the failure; the page words ADDRESS_UNPROVEN (errors.ADDRESS_UNPROVEN).
  expect(forged.body).toContain('{"ok":false,"code":"ADDRESS_UNPROVEN"}');
  expect(forged.body).not.toContain("challenge");
  const user = await e2eDb().user.findUniqueOrThrow({ where: { emailNormalized: email } });
  expect(await e2eDb().passkey.count({ where: { userId: user.id } })).toBe(0);
  expect(await e2eDb().webAuthnChallenge.count({ where: { userId: user.id } })).toBe(0);
});
