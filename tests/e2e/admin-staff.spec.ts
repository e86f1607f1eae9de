/**
 * Staff invitations (issue 12 Done-when 1, docs/decisions/0041): an admin invites by mail, the
 * invitee sets a password through the link, signs in, is made to enrol a second factor and to use
 * it (AAL2, docs/decisions/0040), and lands on their console.
 */
import { extractLink, waitForMail } from "./support/mailbox";
import { activateAuthenticatorApp, totpCode } from "./support/totp";
import { expect, test } from "./fixtures";
import {
  createCustomer,
  e2eDb,
  giveSecondFactor,
  signInAs,
  STAFF_SESSION,
  uniqueEmail,
} from "./support/users";

const AGENT_PASSWORD = "Der Leuchtturm steht am Ende der Mole";

async function createAdmin() {
  const admin = await createCustomer();
  await e2eDb().userRole.create({ data: { userId: admin.id, role: "ADMIN" } });
  await giveSecondFactor(admin.id);
  return admin;
}

test("[ADMIN] invites a support agent by mail; the agent sets a password, enrols a factor and lands on /support", async ({
  page,
  context,
}) => {
  const admin = await createAdmin();
  await signInAs(context, admin.id, STAFF_SESSION);
  const agentEmail = uniqueEmail("agent");

  await page.goto("/admin");
  await page.getByRole("link", { name: "Mitarbeitende" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mitarbeitende" })).toBeVisible();
  const since = new Date();
  await page.getByLabel("Dienstliche E-Mail-Adresse").fill(agentEmail);
  await page.getByRole("combobox", { name: /^Rolle/ }).selectOption({ label: "Kundenservice" });
  await page.getByRole("button", { name: "Einladung senden" }).click();
  await expect(page.getByText(`Die Einladung an ${agentEmail} ist unterwegs.`)).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: agentEmail })).toContainText("Eingeladen");

  const agent = await e2eDb().user.findUniqueOrThrow({
    where: { emailNormalized: agentEmail },
    include: { roles: true },
  });
  expect(agent.roles.map((r) => r.role)).toEqual(["SUPPORT"]);
  expect(agent.emailVerifiedAt).toBeNull();
  const invited = await e2eDb().auditEvent.findFirstOrThrow({
    where: { type: "staff.invited", subjectUserId: agent.id },
  });
  expect(invited).toMatchObject({ actorId: admin.id, actorRole: "ADMIN" });

  // The agent, in their own browser: the link sets the first password and proves the address.
  const mail = await waitForMail({ to: agentEmail, since, subject: /Einladung/ });
  const link = extractLink(mail, "/staff-invitation");
  await context.clearCookies();
  await page.goto(link);
  await expect(
    page.getByText(`Legen Sie das Passwort für Ihr Mitarbeiterkonto ${agentEmail} fest.`, { exact: false }),
  ).toBeVisible();
  await page.getByLabel(/^Passwort/).fill(AGENT_PASSWORD);
  await page.getByRole("button", { name: "Passwort festlegen" }).click();
  await expect(page).toHaveURL("/login?invited=1");
  await expect(page.getByText("Ihr Passwort ist festgelegt")).toBeVisible();
  expect((await e2eDb().user.findUniqueOrThrow({ where: { id: agent.id } })).emailVerifiedAt).not.toBeNull();

  // Staff always give a second factor at sign-in; without an app or passkey it is a mailed code.
  const signInSince = new Date();
  await page.getByLabel("E-Mail-Adresse").fill(agentEmail);
  await page.getByLabel("Passwort", { exact: false }).first().fill(AGENT_PASSWORD);
  await page.getByRole("button", { name: "Anmelden", exact: true }).click();
  await expect(page).toHaveURL(/\/login\/verify/);
  const codeMail = await waitForMail({ to: agentEmail, since: signInSince, subject: /Anmeldecode/ });
  await page.getByLabel("Code aus der E-Mail").fill(/\b(\d{6})\b/.exec(codeMail.text)![1]!);
  await page.getByRole("button", { name: "Bestätigen" }).click();

  // Landing on the console is refused until a passkey or the app is set up...
  await expect(page).toHaveURL("/account/security"); // the notice is told by the toaster and leaves the address (decision 0054)
  const secret = await activateAuthenticatorApp(page);
  // ...and used: the header's console link leads through the step-up with the app.
  await page
    .getByRole("navigation", { name: "Ihre Bereiche" })
    .getByRole("link", { name: "Kundenservice" })
    .click();
  await expect(page).toHaveURL(/\/login\/step-up\?callbackUrl=%2Fsupport$/);
  await page.getByLabel(/^Passwort/).fill(AGENT_PASSWORD);
  await page.getByLabel("Code aus der Authenticator-App").fill(await totpCode(secret, 1));
  await page.getByRole("button", { name: "Bestätigen" }).click();
  await expect(page).toHaveURL("/support");
  await expect(page.getByRole("heading", { level: 1, name: "Kundenservice" })).toBeVisible();
  // A support agent sees their console, not the administration's.
  await expect(page.getByRole("navigation", { name: "Ihre Bereiche" }).getByRole("link")).toHaveCount(1);

  // [ATTACKER] the spent link sets nothing a second time.
  await context.clearCookies();
  await page.goto(link);
  await expect(
    page.getByText("Diese Einladung ist ungültig, abgelaufen oder wurde bereits verwendet."),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Passwort festlegen" })).toHaveCount(0);
});

test("[ADMIN] cannot invite an address that already has a customer account, and the page fits a phone", async ({
  page,
  context,
}) => {
  const admin = await createAdmin();
  const customer = await createCustomer();
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(context, admin.id, STAFF_SESSION);
  await page.goto("/admin/staff");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.getByLabel("Dienstliche E-Mail-Adresse").fill(customer.email.toUpperCase());
  await page.getByRole("combobox", { name: /^Rolle/ }).selectOption({ label: "Administration" });
  await page.getByRole("button", { name: "Einladung senden" }).click();
  await expect(
    page.getByText("Für diese Adresse gibt es bereits ein Konto.", { exact: false }),
  ).toBeVisible();
  // Nothing typed is lost, and the customer is still only a customer.
  await expect(page.getByLabel("Dienstliche E-Mail-Adresse")).toHaveValue(customer.email.toUpperCase());
  const roles = await e2eDb().userRole.findMany({ where: { userId: customer.id } });
  expect(roles.map((r) => r.role)).toEqual(["CUSTOMER"]);
});
