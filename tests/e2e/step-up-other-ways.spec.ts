/**
 * "Andere Methode wählen" (issue 15 item 1, docs/decisions/0051): a customer whose passkey is on
 * the other phone confirms an ordinary step-up with another factor the account has, by the pairs
 * sign-in accepts; a factor change still wants the passkey (docs/decisions/0024), whatever a
 * forged request asks for; a mailed code works once.
 */
import type { BrowserContext, Page } from "@playwright/test";
import { verifyPassword } from "../../lib/server/passwords/password-hash";
import { expect, test } from "./fixtures";
import { callServerAction } from "./support/forged-action";
import { waitForMail } from "./support/mailbox";
import { activateAuthenticatorApp, totpCode } from "./support/totp";
import { createCustomer, e2eDb, giveSecondFactor, signInAs } from "./support/users";

const STEP_UP_DIALOG = "Bestätigen Sie, dass Sie es sind";
const IBAN_GROUPED = "DE89 3704 0044 0532 0130 00";

/**
 * A customer with a password, a bank account and (when asked) the authenticator app, then a
 * passkey on "the other phone": no virtual authenticator is attached here. Signed in an hour ago.
 */
async function customerWithPasskeyElsewhere(page: Page, context: BrowserContext, opts: { app: boolean }) {
  const user = await createCustomer();
  const sessionId = await signInAs(context, user.id);
  let secret: string | undefined;
  if (opts.app) {
    await page.goto("/account/security");
    secret = await activateAuthenticatorApp(page);
    await page.getByRole("button", { name: "Ich habe die Codes gespeichert" }).click();
  }
  await page.goto("/account/payment");
  await page.getByLabel("Kontoinhaber").fill("Erika Mustermann");
  await page.getByLabel(/^IBAN/).fill("DE89370400440532013000");
  await page.getByRole("button", { name: "Bankverbindung speichern" }).click();
  await expect(page.getByText(/Bankverbindung DE89 .* gespeichert/)).toBeVisible();
  await giveSecondFactor(user.id);
  await e2eDb().session.update({
    where: { id: sessionId },
    data: { authenticatedAt: new Date(Date.now() - 3_600_000), authMethods: ["PASSWORD"], aal: 1 },
  });
  return { ...user, sessionId, secret };
}

/** Opens the step-up by revealing the IBAN; the dialog starts with the passkey. */
async function askToRevealIban(page: Page) {
  await page.goto("/account/payment");
  await page.getByRole("button", { name: "IBAN anzeigen" }).click();
  const dialog = page.getByRole("dialog", { name: STEP_UP_DIALOG });
  await expect(dialog.getByRole("button", { name: "Mit Passkey bestätigen" })).toBeVisible();
  return dialog;
}

async function mailedCode(to: string, since: Date): Promise<string> {
  const mail = await waitForMail({ to, since, subject: /Ihr Anmeldecode/ });
  const code = /\b(\d{6})\b/.exec(mail.text)?.[1];
  if (!code) throw new Error("no code in the mail");
  return code;
}

test("[CUSTOMER] with the passkey on the other phone reveals the IBAN with the authenticator app", async ({
  page,
  context,
}) => {
  const user = await customerWithPasskeyElsewhere(page, context, { app: true });
  const dialog = await askToRevealIban(page);

  await dialog.getByRole("button", { name: "Andere Methode wählen" }).click();
  const ways = dialog.getByRole("group", { name: "Wie möchten Sie bestätigen?" });
  // Strongest first; no mailed code where the app is set up (the same rule as sign-in).
  await expect(ways.getByRole("button")).toHaveText([
    "Mit Passkey",
    "Mit Passwort und Authenticator-App",
    "Mit Passwort und Wiederherstellungscode",
  ]);
  await ways.getByRole("button", { name: "Mit Passwort und Authenticator-App" }).click();
  await dialog.getByLabel(/^Passwort/).fill(user.password);
  await dialog.getByLabel("Code aus der Authenticator-App").fill(await totpCode(user.secret!, 1));
  await dialog.getByRole("button", { name: "Bestätigen", exact: true }).click();

  await expect(dialog).toBeHidden();
  await expect(page.getByRole("heading", { name: IBAN_GROUPED })).toBeVisible();
  const session = await e2eDb().session.findUniqueOrThrow({ where: { id: user.sessionId } });
  expect(session.authMethods).toEqual(["PASSWORD", "TOTP"]);
});

test("[CUSTOMER] with the passkey on the other phone reveals the IBAN with the password and an e-mailed code", async ({
  page,
  context,
}) => {
  const user = await customerWithPasskeyElsewhere(page, context, { app: false });
  const dialog = await askToRevealIban(page);
  // The password alone is not offered where a passkey sets the bar.
  await expect(dialog.getByLabel(/^Passwort/)).toHaveCount(0);
  await dialog.getByRole("button", { name: "Andere Methode wählen" }).click();
  await dialog.getByRole("button", { name: "Mit Passwort und Code per E-Mail" }).click();
  const since = new Date();
  await dialog.getByRole("button", { name: "Code senden" }).click();
  await expect(dialog.getByText("Wir haben Ihnen einen Code geschickt.", { exact: false })).toBeVisible();
  await dialog.getByLabel(/^Passwort/).fill(user.password);
  await dialog.getByLabel("Code aus der E-Mail").fill(await mailedCode(user.email, since));
  await dialog.getByRole("button", { name: "Bestätigen", exact: true }).click();

  await expect(dialog).toBeHidden();
  await expect(page.getByRole("heading", { name: IBAN_GROUPED })).toBeVisible();
  const session = await e2eDb().session.findUniqueOrThrow({ where: { id: user.sessionId } });
  expect(session.authMethods).toEqual(["PASSWORD", "EMAIL_CODE"]);
});

test("[ATTACKER] with the password and the mailbox cannot change a factor; a forged request and a replayed code are refused", async ({
  page,
  context,
}) => {
  const victim = await customerWithPasskeyElsewhere(page, context, { app: false });
  const before = await e2eDb().passwordCredential.findUniqueOrThrow({ where: { userId: victim.id } });
  // The attacker confirms an ordinary step-up with the fallback: that is allowed.
  const dialog = await askToRevealIban(page);
  await dialog.getByRole("button", { name: "Andere Methode wählen" }).click();
  await dialog.getByRole("button", { name: "Mit Passwort und Code per E-Mail" }).click();
  const since = new Date();
  await dialog.getByRole("button", { name: "Code senden" }).click();
  const code = await mailedCode(victim.email, since);
  await dialog.getByLabel(/^Passwort/).fill(victim.password);
  await dialog.getByLabel("Code aus der E-Mail").fill(code);
  await dialog.getByRole("button", { name: "Bestätigen", exact: true }).click();
  await expect(page.getByRole("heading", { name: IBAN_GROUPED })).toBeVisible();

  // A factor change in that recent session: the dialog offers the passkey only.
  await page.goto("/account/security");
  await page.getByLabel("Neues Passwort").fill("Ein ganz neuer Satz für den Angreifer 2026");
  await page.getByRole("button", { name: "Passwort ändern" }).click();
  const strongest = page.getByRole("dialog", { name: STEP_UP_DIALOG });
  await expect(strongest.getByRole("button", { name: "Mit Passkey bestätigen" })).toBeVisible();
  await expect(strongest.getByRole("button", { name: "Andere Methode wählen" })).toHaveCount(0);
  await strongest.getByRole("button", { name: "Abbrechen" }).click();

  // Asking for the weaker ways by hand changes nothing: the change itself checks the session.
  const weaker = await callServerAction(page.context().request, {
    pagePath: "/account/security",
    filename: "lib/actions/step-up.ts",
    exportedName: "stepUpOptionsAction",
    args: [false],
  });
  expect(weaker.body).toContain('"passwordEmailCode"');
  const forged = await callServerAction(page.context().request, {
    pagePath: "/account/security",
    filename: "lib/actions/account-security.ts",
    exportedName: "changePasswordAction",
    args: [{ newPassword: "Ein ganz neuer Satz für den Angreifer 2026" }],
  });
  expect(forged.body).toContain('"code":"STEP_UP_REQUIRED"');
  const after = await e2eDb().passwordCredential.findUniqueOrThrow({ where: { userId: victim.id } });
  expect(after.hash).toBe(before.hash);
  expect(await verifyPassword(after.hash, victim.password)).toBe(true);

  // The used code again, sent straight to the action: refused, and the session stays as it was.
  const confirmedAt = (await e2eDb().session.findUniqueOrThrow({ where: { id: victim.sessionId } }))
    .authenticatedAt;
  const replay = await callServerAction(page.context().request, {
    pagePath: "/account/payment",
    filename: "lib/actions/step-up.ts",
    exportedName: "stepUpWithPasswordAction",
    args: [{ password: victim.password, emailCode: code }],
  });
  expect(replay.body).toContain('"ok":false');
  const session = await e2eDb().session.findUniqueOrThrow({ where: { id: victim.sessionId } });
  expect(session.authenticatedAt).toEqual(confirmedAt);
  const types = (await e2eDb().auditEvent.findMany({ where: { subjectUserId: victim.id } })).map(
    (e) => e.type,
  );
  expect(types).toEqual(expect.arrayContaining(["auth.strong_auth_required", "auth.step_up_failed"]));
  expect(types).not.toContain("auth.password_changed");
});
