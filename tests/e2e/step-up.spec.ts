/**
 * Step-up (issue 4, Done-when 5): a stale session asked to do something sensitive gets the step-up
 * prompt with the person's strongest factor and then carries on with what was typed.
 */
import type { Page } from "@playwright/test";
import { verifyPassword } from "../../lib/auth/password-hash";
import { expect, test } from "./fixtures";
import { extractLink, waitForMail } from "./support/mailbox";
import { createCustomer, e2eDb, signInAs, uniqueEmail } from "./support/users";
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
  await expect(page.getByText("Ihr Passwort wurde geändert.")).toBeVisible();
  await expect(page.getByLabel("Neues Passwort")).toHaveValue(NEW_PASSWORD);

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
