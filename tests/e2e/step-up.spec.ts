/**
 * Step-up (docs/decisions/0009): a stale session asked to do something sensitive gets the step-up
 * prompt with the person's strongest factor and then carries on with what was typed. Turning off
 * the authenticator app needs that strongest factor even in a recent session (docs/decisions/0024).
 */
import type { BrowserContext, Page } from "@playwright/test";
import { verifyPassword } from "../../lib/server/passwords/password-hash";
import { expect, test } from "./fixtures";
import { extractLink, waitForMail } from "./support/mailbox";
import { activateAuthenticatorApp, totpCode } from "./support/totp";
import { createCustomer, E2E_BASE_URL, e2eDb, signInAs, uniqueEmail } from "./support/users";
import { customerWithPasskey, runCeremony } from "./support/webauthn";

const NEW_PASSWORD = "Ein neuer Satz für das Kundenkonto 2026";
const STEP_UP_DIALOG = "Bestätigen Sie, dass Sie es sind";

/** The session authenticated an hour ago: older than STEP_UP_MAX_AGE_SECONDS (600). */
async function makeStale(sessionId: string): Promise<void> {
  await e2eDb().session.update({
    where: { id: sessionId },
    data: { authenticatedAt: new Date(Date.now() - 3_600_000) },
  });
}

async function requestPasswordChange(page: Page): Promise<void> {
  await page.goto("/account/security");
  await page.getByLabel("Neues Passwort").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Passwort ändern" }).click();
}

test("[CUSTOMER] with a stale session changes the password after the step-up prompt, input kept", async ({
  page,
  context,
}) => {
  const user = await createCustomer();
  const sessionId = await signInAs(context, user.id);
  await makeStale(sessionId);

  await requestPasswordChange(page);
  const dialog = page.getByRole("dialog", { name: STEP_UP_DIALOG });
  await expect(dialog).toBeVisible();
  // A wrong password is refused inside the dialog; nothing changes.
  await dialog.getByLabel(/^Passwort/).fill("nicht mein Passwort");
  await dialog.getByRole("button", { name: "Bestätigen" }).click();
  await expect(dialog.getByRole("alert").first()).toContainText("Das hat nicht geklappt");
  await dialog.getByLabel(/^Passwort/).fill(user.password);
  await dialog.getByRole("button", { name: "Bestätigen" }).click();

  await expect(dialog).toBeHidden();
  await expect(
    page.getByRole("region", { name: "Benachrichtigungen" }).getByText("Ihr Passwort wurde geändert."),
  ).toBeVisible();
  // The form is done: the new password does not linger in the field (docs/decisions/0054).
  await expect(page.getByLabel("Neues Passwort")).toHaveValue("");

  const credential = await e2eDb().passwordCredential.findUniqueOrThrow({ where: { userId: user.id } });
  expect(await verifyPassword(credential.hash, NEW_PASSWORD)).toBe(true);
  const session = await e2eDb().session.findUniqueOrThrow({ where: { id: sessionId } });
  expect(Date.now() - session.authenticatedAt.getTime()).toBeLessThan(60_000);
  const events = await e2eDb().auditEvent.findMany({
    where: { subjectUserId: user.id, type: { in: ["auth.step_up_failed", "auth.step_up_succeeded"] } },
    orderBy: { createdAt: "asc" },
  });
  expect(events.map((e) => e.type)).toEqual(["auth.step_up_failed", "auth.step_up_succeeded"]);
});

test("[CUSTOMER] who cancels the step-up keeps the input and changes nothing", async ({ page, context }) => {
  const user = await createCustomer();
  await makeStale(await signInAs(context, user.id));
  const before = await e2eDb().passwordCredential.findUniqueOrThrow({ where: { userId: user.id } });

  await requestPasswordChange(page);
  const dialog = page.getByRole("dialog", { name: STEP_UP_DIALOG });
  await dialog.getByRole("button", { name: "Abbrechen" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Bitte bestätigen Sie zuerst, dass Sie es sind.")).toBeVisible();
  await expect(page.getByLabel("Neues Passwort")).toHaveValue(NEW_PASSWORD);
  const after = await e2eDb().passwordCredential.findUniqueOrThrow({ where: { userId: user.id } });
  expect(after.hash).toBe(before.hash);
});

test("[CUSTOMER] with a passkey steps up with the passkey, not the password", async ({
  page,
  context,
  axeAudits,
}) => {
  const { sessionId } = await customerWithPasskey(page, context, axeAudits);
  await makeStale(sessionId);

  await requestPasswordChange(page);
  const dialog = page.getByRole("dialog", { name: STEP_UP_DIALOG });
  await expect(dialog.getByLabel(/^Passwort/)).toHaveCount(0);
  await runCeremony(
    page,
    axeAudits,
    () => dialog.getByRole("button", { name: "Mit Passkey bestätigen" }).click(),
    page.getByText("Ihr Passwort wurde geändert."),
  );
  const session = await e2eDb().session.findUniqueOrThrow({ where: { id: sessionId } });
  expect(session.authMethods).toEqual(["PASSKEY"]);
  expect(session.aal).toBe(2);
});

test("[CUSTOMER] with only a passkey changes the email after stepping up with it; the old address is told", async ({
  page,
  context,
  axeAudits,
}) => {
  const user = await customerWithPasskey(page, context, axeAudits);
  // Passkey only: no password that the form could ask for.
  await e2eDb().passwordCredential.delete({ where: { userId: user.id } });
  await makeStale(user.sessionId);

  const newEmail = uniqueEmail("neue-adresse");
  const since = new Date();
  await page.goto("/account/security");
  await page.getByLabel("Neue E-Mail-Adresse").fill(newEmail);
  await page.getByRole("button", { name: "Bestätigungslink senden" }).click();
  const dialog = page.getByRole("dialog", { name: STEP_UP_DIALOG });
  await runCeremony(
    page,
    axeAudits,
    () => dialog.getByRole("button", { name: "Mit Passkey bestätigen" }).click(),
    page.getByText("Wir haben einen Bestätigungslink an die neue Adresse geschickt."),
  );
  // Nothing changes until the new address confirms.
  expect((await e2eDb().user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(user.email);

  await page.goto(extractLink(await waitForMail({ to: newEmail, since }), "/verify-email"));
  await page.getByRole("button", { name: "Neue E-Mail-Adresse bestätigen" }).click();
  await expect(page.getByText("Ihre neue E-Mail-Adresse ist bestätigt und ab sofort aktiv.")).toBeVisible();
  expect((await e2eDb().user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(newEmail);
  const notice = await waitForMail({
    to: user.email,
    since,
    subject: /E-Mail-Adresse Ihres Kontos wurde geändert/,
  });
  expect(notice.text).toContain("n***@example.com");
});

test("[CUSTOMER] with a stale session is sent through /login/step-up by a plain form and brought back", async ({
  page,
  context,
}) => {
  const user = await createCustomer();
  await makeStale(await signInAs(context, user.id));

  await page.goto("/account/security");
  await page.getByRole("button", { name: "Authenticator-App einrichten" }).click();
  await expect(page).toHaveURL(/\/login\/step-up\?callbackUrl=%2Faccount%2Fsecurity/);
  await page.getByLabel(/^Passwort/).fill(user.password);
  await page.getByRole("button", { name: "Bestätigen" }).click();
  await expect(page).toHaveURL("/account/security");
});

/**
 * A customer with the authenticator app, set up in /account/security as a person would, whose
 * session then looks like `session` (e.g. authenticated an hour ago with password and code).
 */
async function customerWithAuthenticator(
  page: Page,
  context: BrowserContext,
  session: { authMethods: string[]; aal: number; authenticatedAt: Date },
) {
  const user = await createCustomer();
  const sessionId = await signInAs(context, user.id);
  await page.goto("/account/security");
  const secret = await activateAuthenticatorApp(page);
  await page.getByRole("button", { name: "Ich habe die Codes gespeichert" }).click();
  await expect(page.getByText(/10 Wiederherstellungscodes übrig/)).toBeVisible();
  await e2eDb().session.update({ where: { id: sessionId }, data: session });
  return { ...user, sessionId, secret };
}

async function askToRemoveAuthenticator(page: Page): Promise<void> {
  await page.goto("/account/security");
  await page.getByRole("button", { name: "Authenticator-App entfernen" }).click();
  await page.getByRole("button", { name: "Ja, entfernen" }).click();
}

test("[ATTACKER] with a stolen session and the password cannot turn off the authenticator app", async ({
  page,
  context,
  browser,
}) => {
  // The victim's session last confirmed with the password alone, a minute ago: recent, but weaker
  // than the account's strongest factor (password and app).
  const victim = await customerWithAuthenticator(page, context, {
    authMethods: ["PASSWORD"],
    aal: 1,
    authenticatedAt: new Date(Date.now() - 60_000),
  });
  const attacker = await browser.newContext({ baseURL: E2E_BASE_URL });
  await attacker.addCookies(await context.cookies());
  const attackerPage = await attacker.newPage();

  await askToRemoveAuthenticator(attackerPage);
  // Not removed on the strength of the session: the dialog wants the app's code too.
  const dialog = attackerPage.getByRole("dialog", { name: STEP_UP_DIALOG });
  await expect(dialog.getByLabel("Code aus der Authenticator-App")).toBeVisible();
  await dialog.getByLabel(/^Passwort/).fill(victim.password);
  await dialog.getByLabel("Code aus der Authenticator-App").fill("123456");
  await dialog.getByRole("button", { name: "Bestätigen" }).click();
  await expect(dialog.getByRole("alert").first()).toContainText("Das hat nicht geklappt");
  await dialog.getByRole("button", { name: "Abbrechen" }).click();
  await expect(dialog).toBeHidden();
  await attacker.close();

  const factor = await e2eDb().totpFactor.findUniqueOrThrow({ where: { userId: victim.id } });
  expect(factor.confirmedAt).not.toBeNull();
  const events = await e2eDb().auditEvent.findMany({ where: { subjectUserId: victim.id } });
  const types = events.map((e) => e.type);
  expect(types).toEqual(expect.arrayContaining(["auth.strong_auth_required", "auth.step_up_failed"]));
  expect(types).not.toContain("auth.totp_disabled");
});

test("[CUSTOMER] turns off the authenticator app with the code", async ({ page, context }) => {
  const user = await customerWithAuthenticator(page, context, {
    authMethods: ["PASSWORD", "TOTP"],
    aal: 2,
    authenticatedAt: new Date(Date.now() - 3_600_000),
  });
  const since = new Date();

  await askToRemoveAuthenticator(page);
  const dialog = page.getByRole("dialog", { name: STEP_UP_DIALOG });
  await dialog.getByLabel(/^Passwort/).fill(user.password);
  // The set-up used the current step; the next step's code is within the window.
  await dialog.getByLabel("Code aus der Authenticator-App").fill(await totpCode(user.secret, 1));
  await dialog.getByRole("button", { name: "Bestätigen" }).click();

  await expect(dialog).toBeHidden();
  await expect(page.getByRole("button", { name: "Authenticator-App einrichten" })).toBeVisible();
  expect(await e2eDb().totpFactor.findUnique({ where: { userId: user.id } })).toBeNull();
  expect(await e2eDb().recoveryCode.count({ where: { userId: user.id } })).toBe(0);
  const notice = await waitForMail({
    to: user.email,
    since,
    subject: /Zweiter Faktor entfernt: Authenticator-App/,
  });
  expect(notice.text).toContain("Authenticator-App");
});
