/**
 * SMS only with a verified phone number (issue 15 item 9, docs/decisions/0052): the code goes out
 * through the SMS provider (the local outbox here), a wrong, replayed or expired code and another
 * customer's code verify nothing, and a changed number is unverified again.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { callServerAction } from "./support/forged-action";
import { waitForSmsCode } from "./support/sms";
import { createCustomer, E2E_BASE_URL, e2eDb, signInAs } from "./support/users";

const PHONE = () => `+49151${Math.floor(10_000_000 + Math.random() * 89_999_999)}`;

async function customerWithPhone(context: Parameters<typeof signInAs>[0], phoneE164 = PHONE()) {
  const user = await createCustomer();
  await e2eDb().profile.create({ data: { userId: user.id, phoneE164 } });
  await signInAs(context, user.id);
  return { ...user, phoneE164 };
}

async function sendCode(page: Page, phoneE164: string): Promise<string> {
  const since = new Date(Date.now() - 1000);
  await page.getByRole("button", { name: /Code per SMS senden|Neuen Code senden/ }).click();
  await expect(
    page.getByText("Wir haben Ihnen einen Code per SMS geschickt.", { exact: false }),
  ).toBeVisible();
  return waitForSmsCode({ to: phoneE164, since });
}

function otherThan(code: string): string {
  return code === "000000" ? "111111" : "000000";
}

const smsChannel = (page: Page) => page.getByRole("checkbox", { name: "SMS" });

test("[CUSTOMER] confirms the phone number with the SMS code and can then choose SMS; a new number needs a new code", async ({
  page,
  context,
}) => {
  const user = await customerWithPhone(context);
  await page.goto("/account/communication");
  await expect(smsChannel(page)).toBeDisabled();
  await expect(page.getByText("Erst wählbar, wenn Ihre Telefonnummer bestätigt ist")).toBeVisible();
  await expect(page.getByText(/Ihre Telefonnummer \+49 •••• \d\d ist noch nicht bestätigt\./)).toBeVisible();

  const code = await sendCode(page, user.phoneE164);
  // A wrong code: said on the form, nothing typed is lost, nothing verified.
  await page.getByLabel("Code aus der SMS").fill(otherThan(code));
  await page.getByRole("button", { name: "Telefonnummer bestätigen" }).click();
  await expect(page.getByText("Der Code stimmt nicht.", { exact: false })).toBeVisible();
  await expect(page.getByLabel("Code aus der SMS")).toHaveValue(otherThan(code));

  await page.getByLabel("Code aus der SMS").fill(code);
  await page.getByRole("button", { name: "Telefonnummer bestätigen" }).click();
  await expect(page.getByText(/Ihre Telefonnummer \+49 •••• \d\d ist bestätigt\./)).toBeVisible();
  await expect(smsChannel(page)).toBeEnabled();
  await smsChannel(page).check();
  await page.getByRole("button", { name: "Einstellungen speichern" }).click();
  await expect(page.getByText("Ihre Einstellungen sind gespeichert.")).toBeVisible();
  const preference = await e2eDb().communicationPreference.findUniqueOrThrow({ where: { userId: user.id } });
  expect(preference.smsEnabled).toBe(true);

  // A new number in the profile is not verified: SMS cannot be chosen until it is.
  await page.goto("/account/profile");
  await page.getByLabel("Telefonnummer").fill("0170 9988776");
  await page.getByRole("button", { name: "Änderungen speichern" }).click();
  await expect(page.getByText("Ihre Angaben sind gespeichert.")).toBeVisible();
  await page.goto("/account/communication");
  await expect(smsChannel(page)).toBeDisabled();
  await expect(smsChannel(page)).not.toBeChecked();
  await expect(page.getByText(/ist noch nicht bestätigt/)).toBeVisible();
  const profile = await e2eDb().profile.findUniqueOrThrow({ where: { userId: user.id } });
  expect(profile.phoneVerifiedAt).toBeNull();
});

test("[CUSTOMER] without a phone number is sent to the profile to add one", async ({ page, context }) => {
  const user = await createCustomer();
  await signInAs(context, user.id);
  await page.goto("/account/communication");
  await expect(smsChannel(page)).toBeDisabled();
  await page.getByRole("link", { name: "Telefonnummer im Profil eintragen" }).click();
  await expect(page).toHaveURL("/account/profile");
});

test("[ATTACKER] a replayed, an expired and another customer's code verify nothing; SMS cannot be forced on", async ({
  page,
  context,
  browser,
}) => {
  const victim = await customerWithPhone(context);
  await page.goto("/account/communication");
  const used = await sendCode(page, victim.phoneE164);
  await page.getByLabel("Code aus der SMS").fill(used);
  await page.getByRole("button", { name: "Telefonnummer bestätigen" }).click();
  await expect(page.getByText(/ist bestätigt\./)).toBeVisible();

  // The attacker, signed in to their own account with an unverified number.
  const attackerContext = await browser.newContext({ baseURL: E2E_BASE_URL });
  const attacker = await customerWithPhone(attackerContext);
  const attackerPage = await attackerContext.newPage();
  const verify = (code: string) =>
    callServerAction(attackerContext.request, {
      pagePath: "/account/communication",
      filename: "lib/actions/phone.ts",
      exportedName: "verifyPhoneCodeAction",
      args: [{ code }],
    });
  // The victim's used code, and a code the attacker has not been sent: nothing to match.
  expect((await verify(used)).body).toContain('"ok":false');
  await attackerPage.goto("/account/communication");
  const own = await sendCode(attackerPage, attacker.phoneE164);
  // Replay of the victim's code against the attacker's own open code: wrong.
  expect((await verify(used === own ? otherThan(own) : used)).body).toContain('"ok":false');
  // Expired: ten minutes are over.
  await e2eDb().phoneVerificationCode.updateMany({
    where: { userId: attacker.id },
    data: { expiresAt: new Date(Date.now() - 1000) },
  });
  const expired = await verify(own);
  expect(expired.body).toContain("account.communication.phone.expired");
  // SMS cannot be switched on by a forged save either.
  const forced = await callServerAction(attackerContext.request, {
    pagePath: "/account/communication",
    filename: "lib/actions/communication.ts",
    exportedName: "updateCommunicationPreferencesAction",
    args: [{ topics: [], email: true, push: false, sms: true, frequency: "WEEKLY" }],
  });
  expect(forced.body).toContain("account.communication.phone.smsNeedsVerifiedPhone");
  await attackerContext.close();

  const attackerProfile = await e2eDb().profile.findUniqueOrThrow({ where: { userId: attacker.id } });
  expect(attackerProfile.phoneVerifiedAt).toBeNull();
  expect(await e2eDb().communicationPreference.findUnique({ where: { userId: attacker.id } })).toBeNull();
  const failures = await e2eDb().auditEvent.count({
    where: { subjectUserId: attacker.id, type: "profile.phone_verification_failed" },
  });
  expect(failures).toBe(3);
});
