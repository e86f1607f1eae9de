/**
 * Passkeys through Chromium's virtual authenticator (docs/decisions/0006): a platform
 * authenticator with resident keys and user verification that answers without a prompt.
 */
import type { Page } from "@playwright/test";
import { expect, test, type AxeAudits } from "./fixtures";
import { addVirtualAuthenticator, runCeremony } from "./support/webauthn";
import { extractLink, waitForMail } from "./support/mailbox";
import { createCustomer, e2eDb, signInAs, uniqueEmail } from "./support/users";

/** Sign-in with the button; the autofill request is switched off so that only the button acts. */
async function signInWithPasskeyButton(page: Page, axeAudits: AxeAudits): Promise<void> {
  await page.addInitScript(() => {
    PublicKeyCredential.isConditionalMediationAvailable = async () => false;
  });
  await page.goto("/login");
  await runCeremony(
    page,
    axeAudits,
    () => page.getByRole("button", { name: "Mit Passkey anmelden" }).click(),
    page.getByRole("navigation", { name: "Kontobereiche" }),
  );
  await expect(page).toHaveURL("/account");
}

/** Sign-in through autofill (conditional UI): the virtual authenticator picks its only passkey. */
async function signInWithPasskeyAutofill(page: Page, axeAudits: AxeAudits): Promise<void> {
  for (let attempt = 1; attempt <= 3; attempt++) {
    await page.goto("/login");
    await axeAudits.check();
    await page.bringToFront();
    const signedIn = await page
      .waitForURL("/account", { timeout: 8_000 })
      .then(() => true)
      .catch(() => false);
    if (signedIn) return;
  }
  throw new Error("passkey autofill did not sign in");
}

test("[CUSTOMER] registers a passkey in /account/security, signs out, and signs in with it without typing an email", async ({
  page,
  context,
  axeAudits,
}) => {
  const user = await createCustomer();
  await signInAs(context, user.id);
  await addVirtualAuthenticator(page);
  const since = new Date();

  await page.goto("/account/security");
  await runCeremony(
    page,
    axeAudits,
    () => page.getByRole("button", { name: "Passkey hinzufügen" }).click(),
    page.getByRole("status").filter({ hasText: /wurde hinzugefügt/ }),
  );
  const list = page.getByRole("list", { name: "Passkeys" });
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await expect(list.getByText(/an dieses Gerät gebunden|synchronisiert/)).toBeVisible();
  // The virtual authenticator discloses no model (zero AAGUID): named after the browser that made it.
  await expect(list.getByText("Chrome auf Windows 10")).toBeVisible();
  await waitForMail({ to: user.email, subject: /Passkey/, since });

  await list.getByRole("button", { name: /^Umbenennen/ }).click();
  await page.getByLabel("Name des Passkeys").fill("Mein Laptop");
  await page.getByRole("button", { name: "Speichern" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Der Passkey wurde umbenannt." })).toBeVisible();
  await expect(list.getByText("Mein Laptop")).toBeVisible();

  await page.getByRole("banner").getByRole("button", { name: "Abmelden" }).click();
  await expect(page).toHaveURL("/login");
  await signInWithPasskeyButton(page, axeAudits);

  const passkey = await e2eDb().passkey.findFirstOrThrow({ where: { userId: user.id } });
  expect(passkey.name).toBe("Mein Laptop");
  expect(passkey.lastUsedAt).not.toBeNull();
  const session = await e2eDb().session.findFirstOrThrow({
    where: { userId: user.id, revokedAt: null, authMethods: { equals: ["PASSKEY"] } },
  });
  // A user-verified passkey assertion is multi-factor on its own (NIST SP 800-63B-4 AAL2).
  expect(session.aal).toBe(2);
});

test("[CUSTOMER] signs up with a passkey only", async ({ page, axeAudits }) => {
  await addVirtualAuthenticator(page);
  const email = uniqueEmail("passkey");
  const since = new Date();

  await page.goto("/register");
  await page.getByRole("button", { name: "Mit Passkey registrieren" }).click();
  const signUp = page.getByRole("region", { name: "Registrierung mit Passkey" });
  await signUp.getByLabel("E-Mail-Adresse").fill(email);
  await signUp.getByLabel(/Ich akzeptiere die Nutzungsbedingungen/).check();
  await runCeremony(
    page,
    axeAudits,
    () => signUp.getByRole("button", { name: "Passkey erstellen" }).click(),
    page.getByRole("heading", { level: 1, name: "Bitte prüfen Sie Ihr Postfach" }),
  );
  await expect(page).toHaveURL("/register/check-email");

  const user = await e2eDb().user.findUniqueOrThrow({
    where: { emailNormalized: email },
    include: { passwordCredential: true, passkeys: true, consentRecords: true },
  });
  expect(user.passwordCredential).toBeNull();
  expect(user.passkeys).toHaveLength(1);
  expect(user.consentRecords).toHaveLength(1); // the terms checkbox, as at a password sign-up

  const mail = await waitForMail({ to: email, since });
  await page.goto(extractLink(mail, "/verify-email"));
  await page.getByRole("button", { name: "E-Mail-Adresse bestätigen" }).click();
  await expect(page.getByText("Ihre E-Mail-Adresse ist bestätigt")).toBeVisible();
  await signInWithPasskeyAutofill(page, axeAudits);

  // The only way in cannot be removed.
  await page.goto("/account/security");
  await page
    .getByRole("list", { name: "Passkeys" })
    .getByRole("button", { name: /^Entfernen/ })
    .click();
  await page.getByRole("button", { name: "Ja, entfernen" }).click();
  await expect(page.getByText("Das ist Ihre letzte Anmeldemöglichkeit.", { exact: false })).toBeVisible();
  expect(await e2eDb().passkey.count({ where: { userId: user.id } })).toBe(1);
});

test("[CUSTOMER] a passkey sign-up with a taken address looks the same and only sends a notice", async ({
  page,
  axeAudits,
}) => {
  await addVirtualAuthenticator(page);
  const existing = await createCustomer();
  const since = new Date();

  await page.goto("/register");
  await page.getByRole("button", { name: "Mit Passkey registrieren" }).click();
  const signUp = page.getByRole("region", { name: "Registrierung mit Passkey" });
  await signUp.getByLabel("E-Mail-Adresse").fill(existing.email);
  await signUp.getByLabel(/Ich akzeptiere die Nutzungsbedingungen/).check();
  await runCeremony(
    page,
    axeAudits,
    () => signUp.getByRole("button", { name: "Passkey erstellen" }).click(),
    page.getByRole("heading", { level: 1, name: "Bitte prüfen Sie Ihr Postfach" }),
  );
  await expect(page).toHaveURL("/register/check-email");

  await waitForMail({ to: existing.email, subject: /Registrierungsversuch/, since });
  expect(await e2eDb().passkey.count({ where: { userId: existing.id } })).toBe(0);
});
