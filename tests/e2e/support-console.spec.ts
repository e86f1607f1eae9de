/**
 * The support console (issue 12 Done-when 2, docs/decisions/0042): an agent finds a customer by
 * part of the address, opens the account with a reason, sees the masked IBAN and a risk decision
 * in words, locks and unlocks with a reason, sends a reset mail; the customer sees every view and
 * action in their activity list. Attacks on the console are in support-console-attacks.spec.ts.
 */
import type { Page } from "@playwright/test";
import { formatCustomerNumber } from "../../lib/schemas/customer-number";
import { expect, test } from "./fixtures";
import { waitForMail } from "./support/mailbox";
import { createStaff } from "./support/staff";
import { createCustomer, e2eDb, signInAs, STAFF_SESSION, uniqueEmail } from "./support/users";

const PARIS_IP = "62.210.16.1"; // geoip-lite: FR; the server trusts X-Forwarded-For in E2E
const MASKED = "DE89 •••• •••• •••• •••• 00";
const IBAN_GROUPED = "DE89 3704 0044 0532 0130 00";
const OPEN_REASON = "Anruf der Kundin: kommt nicht ins Konto";

async function signInByForm(page: Page, customer: { email: string; password: string }) {
  await page.goto("/login");
  await page.getByLabel("E-Mail-Adresse").fill(customer.email);
  await page.getByLabel("Passwort", { exact: false }).first().fill(customer.password);
  await page.getByRole("button", { name: "Anmelden", exact: true }).click();
}

async function act(page: Page, action: string, reason: string, done: string) {
  await page.getByRole("radio", { name: action }).check();
  await page.getByLabel(/^Grund/).fill(reason);
  await page.getByRole("button", { name: "Ausführen" }).click();
  await expect(page.getByText(done)).toBeVisible();
}

test("[SUPPORT] finds a customer by part of the email, sees the masked IBAN and a risk decision in words, locks and unlocks with a reason, sends a reset mail; the customer sees the view and the actions in their activity list", async ({
  page,
  context,
  browser,
}) => {
  const customer = await createCustomer({ email: uniqueEmail("sophie.support") });
  // History: signed in from Berlin yesterday; today's sign-in from Paris is a risk decision.
  await e2eDb().signInAttempt.create({
    data: {
      userId: customer.id,
      emailNormalized: customer.email,
      method: "PASSWORD",
      result: "SUCCEEDED",
      ip: "81.169.145.1",
      country: "DE",
      latitude: 52.52,
      longitude: 13.405,
      createdAt: new Date(Date.now() - 24 * 3_600_000),
    },
  });
  const customerContext = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": PARIS_IP } });
  const customerPage = await customerContext.newPage();
  const since = new Date();
  await signInByForm(customerPage, customer);
  await expect(customerPage).toHaveURL(/\/login\/verify/);
  const codeMail = await waitForMail({ to: customer.email, since, subject: /Anmeldecode/ });
  await customerPage.getByLabel("Code aus der E-Mail").fill(/\b(\d{6})\b/.exec(codeMail.text)![1]!);
  await customerPage.getByRole("button", { name: "Bestätigen" }).click();
  await expect(customerPage).toHaveURL("/account");
  await customerPage.goto("/account/payment");
  await customerPage.getByLabel("Kontoinhaber").fill("Sophie Support");
  await customerPage.getByLabel(/^IBAN/).fill(IBAN_GROUPED);
  await customerPage.getByRole("button", { name: "Bankverbindung speichern" }).click();
  // The list's heading, not any text: the saved notice names the masked IBAN too, and the list
  // refreshes while the notice shows, so plain text would match one or two elements by timing.
  await expect(customerPage.getByRole("heading", { name: MASKED })).toBeVisible();
  // The customer number the customer reads out (decision 0043) is on their profile and in the file.
  const { customerNumber } = await e2eDb().user.findUniqueOrThrow({ where: { id: customer.id } });
  const shownNumber = formatCustomerNumber(customerNumber!);
  await customerPage.goto("/account/profile");
  await expect(customerPage.getByText(shownNumber)).toBeVisible();

  // The agent searches by the start of the address; the input searches as they type.
  const agent = await createStaff("SUPPORT");
  await signInAs(context, agent.id, STAFF_SESSION);
  await page.goto("/support");
  await page.getByLabel("Suchbegriff").fill(customer.email.slice(0, 18).toUpperCase());
  await page.getByRole("link", { name: customer.email }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kundenkonto öffnen" })).toBeVisible();
  // Nothing of the file before a reason is given.
  await expect(page.getByText(MASKED)).toHaveCount(0);
  await page.getByRole("button", { name: "Kundenkonto öffnen" }).click();
  await expect(page.getByText("Bitte geben Sie einen Grund an.")).toBeVisible();
  await page.getByLabel(/^Grund für den Zugriff/).fill(OPEN_REASON);
  await page.getByRole("button", { name: "Kundenkonto öffnen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kundenkonto" })).toBeVisible();
  await expect(page.getByText(MASKED)).toBeVisible();
  await expect(page.getByText(shownNumber)).toBeVisible();
  await expect(page.getByText(IBAN_GROUPED)).toHaveCount(0);
  await expect(page.getByRole("button", { name: /IBAN anzeigen/ })).toHaveCount(0);
  const history = page.getByRole("region", { name: "Verlauf" });
  await expect(history.getByText("Mittleres Risiko: zweiter Faktor verlangt").first()).toBeVisible();
  await expect(history.getByText("Anmeldung aus einem neuen Land: FR (bisher: DE)").first()).toBeVisible();
  // The filter narrows the history to the console's own entries (the view just written).
  await page.getByLabel("Art").selectOption({ label: "Kundenservice" });
  await page.getByRole("button", { name: "Filtern" }).click();
  await expect(history.getByText(`Grund: ${OPEN_REASON}`)).toBeVisible();
  await expect(history.getByText("Mittleres Risiko: zweiter Faktor verlangt")).toHaveCount(0);

  await act(
    page,
    "Konto sperren",
    "Kundin meldet verlorenes Handy",
    "Das Konto ist gesperrt; alle Sitzungen sind beendet.",
  );
  expect(await e2eDb().user.findUniqueOrThrow({ where: { id: customer.id } })).toMatchObject({
    status: "LOCKED",
    lockReason: "Kundin meldet verlorenes Handy",
  });
  // The customer's session has ended, and signing in is refused kindly.
  await customerPage.goto("/account");
  await expect(customerPage).toHaveURL(/\/login/);
  await signInByForm(customerPage, customer);
  await expect(
    customerPage.getByText("Dieses Konto ist gesperrt. Bitte wenden Sie sich an unseren Kundenservice."),
  ).toBeVisible();

  await act(page, "Konto entsperren", "Handy wiedergefunden, Identität geprüft", "Das Konto ist entsperrt.");
  const resetSince = new Date();
  await act(
    page,
    "Link zum Zurücksetzen des Passworts senden",
    "Kundin hat ihr Passwort vergessen",
    "Der Link zum Zurücksetzen des Passworts ist unterwegs.",
  );
  const resetMail = await waitForMail({ to: customer.email, since: resetSince, subject: /Passwort/ });
  expect(resetMail.text).toContain("/reset-password");
  const events = await e2eDb().auditEvent.findMany({
    where: { subjectUserId: customer.id, type: { startsWith: "support." } },
    orderBy: { sequence: "asc" },
  });
  expect(events.map((e) => [e.type, e.actorId, e.actorRole])).toEqual([
    ["support.customer_viewed", agent.id, "SUPPORT"],
    ["support.account_locked", agent.id, "SUPPORT"],
    ["support.account_unlocked", agent.id, "SUPPORT"],
    ["support.password_reset_sent", agent.id, "SUPPORT"],
  ]);

  // The customer, signed in again (same browser and country now known), reads it all.
  const againSince = new Date();
  await signInByForm(customerPage, customer);
  await expect(customerPage).toHaveURL(/\/account$|\/login\/verify/);
  if (customerPage.url().includes("/login/verify")) {
    const mail = await waitForMail({ to: customer.email, since: againSince, subject: /Anmeldecode/ });
    await customerPage.getByLabel("Code aus der E-Mail").fill(/\b(\d{6})\b/.exec(mail.text)![1]!);
    await customerPage.getByRole("button", { name: "Bestätigen" }).click();
    await expect(customerPage).toHaveURL("/account");
  }
  await customerPage
    .getByRole("navigation", { name: "Kontobereiche" })
    .getByRole("link", { name: "Aktivität" })
    .click();
  await expect(customerPage.getByRole("heading", { level: 1, name: "Aktivität" })).toBeVisible();
  for (const line of [
    `Der Kundenservice hat Ihr Konto angesehen. (Grund: ${OPEN_REASON})`,
    "Der Kundenservice hat Ihr Konto gesperrt. (Grund: Kundin meldet verlorenes Handy)",
    "Der Kundenservice hat Ihr Konto entsperrt. (Grund: Handy wiedergefunden, Identität geprüft)",
    "Der Kundenservice hat Ihnen einen Link zum Zurücksetzen des Passworts geschickt. (Grund: Kundin hat ihr Passwort vergessen)",
    "Sie haben eine Bankverbindung hinzugefügt.",
  ])
    await expect(customerPage.getByText(line)).toBeVisible();
  await customerContext.close();
});

test("[SUPPORT] the search and the customer page fit a phone (390 px), and paging keeps the search", async ({
  page,
  context,
}) => {
  const prefix = `paging.${Date.now()}`;
  for (let i = 0; i < 22; i++)
    await createCustomer({ email: `${prefix}.${String(i).padStart(2, "0")}@example.com` });
  const agent = await createStaff("SUPPORT");
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(context, agent.id, STAFF_SESSION);
  await page.goto(`/support?by=email&q=${prefix}`);
  const results = page.getByRole("region", { name: "Treffer" }).getByRole("listitem");
  await expect(results).toHaveCount(20);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.getByRole("link", { name: "Weitere Treffer" }).click();
  await expect(results).toHaveCount(2);
  await expect(results.first()).toContainText(`${prefix}.20@example.com`);
  await results.last().getByRole("link").click();
  await page.getByLabel(/^Grund für den Zugriff/).fill("Test der Darstellung am Telefon");
  await page.getByRole("button", { name: "Kundenkonto öffnen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kundenkonto" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test("[SUPPORT] signs a customer out everywhere with a reason: every session of theirs stops working", async ({
  page,
  context,
  browser,
}) => {
  const customer = await createCustomer();
  const customerContext = await browser.newContext();
  await signInAs(customerContext, customer.id);
  const otherSession = await signInAs(await browser.newContext(), customer.id);
  const customerPage = await customerContext.newPage();
  await customerPage.goto("/account");
  await expect(customerPage).toHaveURL("/account");

  const agent = await createStaff("SUPPORT");
  await signInAs(context, agent.id, STAFF_SESSION);
  await page.goto(`/support/customers/${customer.id}`);
  await page.getByLabel(/^Grund für den Zugriff/).fill("Kundin meldet fremde Anmeldung");
  await page.getByRole("button", { name: "Kundenkonto öffnen" }).click();
  await expect(page.getByText("Aktive Sitzungen: 2")).toBeVisible();
  await act(page, "Auf allen Geräten abmelden", "Fremde Anmeldung gemeldet", "Alle Sitzungen sind beendet.");
  await expect(page.getByText("Aktive Sitzungen: 0")).toBeVisible();

  const session = await e2eDb().session.findUniqueOrThrow({ where: { id: otherSession } });
  expect(session).toMatchObject({ revokeReason: "REVOKED_BY_SUPPORT" });
  await customerPage.goto("/account");
  await expect(customerPage).toHaveURL(/\/login\?callbackUrl=/);
  await customerContext.close();
});
