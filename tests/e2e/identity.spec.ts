import { expect, test } from "./fixtures";
import { extractLink, waitForMail } from "./support/mailbox";
import { createCustomer, e2eDb, signInAs, uniqueEmail } from "./support/users";

const STRONG_PASSWORD = "Sonnenblumen am Gartenzaun 2026";

test("[CUSTOMER] registers, confirms the email from the mail, signs in, sees /account and signs out", async ({
  page,
}) => {
  const email = uniqueEmail("neu");
  const since = new Date();
  await page.goto("/register");
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel("Passwort").fill(STRONG_PASSWORD);
  await page.getByLabel(/Ich akzeptiere die Nutzungsbedingungen/).check();
  await page.getByRole("button", { name: "Konto erstellen" }).click();
  await expect(page).toHaveURL("/register/check-email");
  await expect(page.getByRole("heading", { level: 1, name: "Bitte prüfen Sie Ihr Postfach" })).toBeVisible();

  const mail = await waitForMail({ to: email, since });
  await page.goto(extractLink(mail, "/verify-email"));
  await page.getByRole("button", { name: "E-Mail-Adresse bestätigen" }).click();
  await expect(page.getByText("Ihre E-Mail-Adresse ist bestätigt")).toBeVisible();

  await page.goto("/login");
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel("Passwort").fill(STRONG_PASSWORD);
  await page.getByRole("button", { name: "Anmelden", exact: true }).click();
  await expect(page).toHaveURL("/account");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText("Bitte bestätigen Sie Ihre E-Mail-Adresse")).toHaveCount(0);

  await page.getByRole("banner").getByRole("button", { name: "Abmelden" }).click();
  await expect(page).toHaveURL("/login");
  await page.goto("/account");
  await expect(page).toHaveURL("/login?callbackUrl=%2Faccount");

  const user = await e2eDb().user.findUniqueOrThrow({
    where: { emailNormalized: email },
    include: { consentRecords: true },
  });
  expect(user.emailVerifiedAt).not.toBeNull();
  // The one checkbox (terms of use and privacy notice) is one record of its text (decision 0015).
  expect(user.consentRecords).toHaveLength(1);
  expect(user.consentRecords[0]).toMatchObject({ action: "GRANTED", source: "REGISTRATION", locale: "de" });
});

test("[CUSTOMER] a common password is refused at registration with the reason, input kept", async ({
  page,
}) => {
  const email = uniqueEmail("schwach");
  await page.goto("/register");
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel("Passwort").fill("password123");
  await page.getByLabel(/Ich akzeptiere die Nutzungsbedingungen/).check();
  await page.getByRole("button", { name: "Konto erstellen" }).click();
  await expect(page.getByText("Dieses Passwort ist sehr verbreitet")).toBeVisible();
  await expect(page.getByLabel("Passwort")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("E-Mail-Adresse")).toHaveValue(email);
  expect(await e2eDb().user.count({ where: { emailNormalized: email } })).toBe(0);
});

test("[CUSTOMER] a password with the portal's name is refused at sign-up and at reset with the reason", async ({
  page,
}) => {
  // The context-specific words of docs/decisions/0032: the product's name, however it is spelt.
  const reason = "Das Passwort darf den Namen dieses Portals oder seines Betreibers nicht enthalten";
  const email = uniqueEmail("kontext");
  await page.goto("/register");
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel("Passwort").fill("Mein Kunden-Portal 2026");
  await page.getByLabel(/Ich akzeptiere die Nutzungsbedingungen/).check();
  await page.getByRole("button", { name: "Konto erstellen" }).click();
  await expect(page.getByText(reason)).toBeVisible();
  await expect(page.getByLabel("Passwort")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("E-Mail-Adresse")).toHaveValue(email);
  expect(await e2eDb().user.count({ where: { emailNormalized: email } })).toBe(0);

  const customer = await createCustomer();
  const credential = () => e2eDb().passwordCredential.findUniqueOrThrow({ where: { userId: customer.id } });
  const before = await credential();
  const since = new Date();
  await page.goto("/forgot-password");
  await page.getByLabel("E-Mail-Adresse").fill(customer.email);
  await page.getByRole("button", { name: "Link anfordern" }).click();
  const resetMail = await waitForMail({ to: customer.email, since, subject: /Passwort/ });
  await page.goto(extractLink(resetMail, "/reset-password"));
  await page.getByLabel("Neues Passwort").fill("KUNDENPORTAL ist mein Zuhause");
  await page.getByRole("button", { name: "Passwort speichern" }).click();
  await expect(page.getByText(reason)).toBeVisible();
  await expect(page.getByLabel("Neues Passwort")).toHaveValue("KUNDENPORTAL ist mein Zuhause");
  expect((await credential()).hash).toBe(before.hash); // nothing was changed
});

test("[CUSTOMER] resets the password by mail; other sessions are signed out and a notice is sent", async ({
  page,
  browser,
}) => {
  const customer = await createCustomer();
  const other = await browser.newContext();
  await signInAs(other, customer.id);
  const otherPage = await other.newPage();
  await otherPage.goto("/account");
  await expect(otherPage).toHaveURL("/account");

  const since = new Date();
  await page.goto("/forgot-password");
  await page.getByLabel("E-Mail-Adresse").fill(customer.email);
  await page.getByRole("button", { name: "Link anfordern" }).click();
  await expect(page).toHaveURL("/forgot-password/sent");
  const resetMail = await waitForMail({ to: customer.email, since, subject: /Passwort/ });
  await page.goto(extractLink(resetMail, "/reset-password"));
  const newPassword = "Ein ganz neues Passwort für Erika";
  await page.getByLabel("Neues Passwort").fill(newPassword);
  await page.getByRole("button", { name: "Passwort speichern" }).click();
  await expect(page).toHaveURL("/login?reset=1");
  await expect(page.getByText("Ihr Passwort wurde geändert")).toBeVisible();

  await otherPage.goto("/account");
  await expect(otherPage).toHaveURL("/login?callbackUrl=%2Faccount");
  await other.close();

  // The link works once; the old password is gone, the new one works.
  await page.goto(extractLink(resetMail, "/reset-password"));
  await expect(page.getByText("Dieser Link ist ungültig")).toBeVisible();
  await page.goto("/login");
  await page.getByLabel("E-Mail-Adresse").fill(customer.email);
  await page.getByLabel("Passwort").fill(customer.password);
  await page.getByRole("button", { name: "Anmelden", exact: true }).click();
  await expect(page.getByText("E-Mail-Adresse oder Passwort ist nicht korrekt.")).toBeVisible();
  await page.getByLabel("Passwort").fill(newPassword);
  await page.getByRole("button", { name: "Anmelden", exact: true }).click();
  await expect(page).toHaveURL("/account");
  await waitForMail({ to: customer.email, since, subject: /geändert/ });
});

test("[CUSTOMER] sees a second browser in /account/security, signs it out, and both sign-ins are in the history", async ({
  page,
  browser,
}) => {
  const customer = await createCustomer({ displayName: "Erika Zwei" });
  const since = new Date();
  const signIn = async (target: typeof page) => {
    await target.goto("/login");
    await target.getByLabel("E-Mail-Adresse").fill(customer.email);
    await target.getByLabel("Passwort").fill(customer.password);
    await target.getByRole("button", { name: "Anmelden", exact: true }).click();
    await expect(target).toHaveURL("/account");
  };
  await signIn(page);
  const second = await browser.newContext({
    userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
  });
  const secondPage = await second.newPage();
  await signIn(secondPage);

  // The second browser is a new device for an account that already had one: a notice mail.
  const notice = await waitForMail({
    to: customer.email,
    since,
    subject: /(neue|new).*(Gerät|device)|Anmeldung/i,
  });
  expect(notice.text).toContain("/account/security");

  await page.goto("/account/security");
  const sessions = page.getByRole("list", { name: "Angemeldete Geräte" }).getByRole("listitem");
  await expect(sessions).toHaveCount(2);
  await expect(sessions.first()).toContainText("Dieses Gerät");
  await expect(sessions.nth(1)).toContainText("Firefox");
  await page.getByRole("button", { name: /^Abmelden: Firefox/ }).click();
  await expect(page.getByText("Das Gerät wurde abgemeldet.")).toBeVisible();
  await expect(sessions).toHaveCount(1);

  await secondPage.goto("/account");
  await expect(secondPage).toHaveURL("/login?callbackUrl=%2Faccount");
  await second.close();

  const history = page.getByRole("table", { name: "Anmeldeverlauf" }).getByRole("row");
  await expect(history.filter({ hasText: "Erfolgreich" })).toHaveCount(2);
  await expect(history.filter({ hasText: "Firefox" })).toHaveCount(1);
});
