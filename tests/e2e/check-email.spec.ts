/**
 * The check-email page after sign-up (issue 15 item 4, docs/decisions/0056): it names the address,
 * sends the mail again (throttled) and lets the registering browser correct a mistyped address. It
 * answers alike whether or not the address has an account.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { extractLink, listMail, waitForMail } from "./support/mailbox";
import { createCustomer, e2eDb, uniqueEmail } from "./support/users";

const PASSWORD = "Sonnenblumen am Gartenzaun 2026";

async function signUp(page: Page, email: string) {
  await page.goto("/register");
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel("Passwort").fill(PASSWORD);
  await page.getByLabel(/Ich akzeptiere die Nutzungsbedingungen/).check();
  await page.getByRole("button", { name: "Konto erstellen" }).click();
  await expect(page).toHaveURL("/register/check-email");
}

const card = (page: Page) => page.getByRole("main");

test("[CUSTOMER] sees where the mail went, has it sent again and confirms with the newest link", async ({
  page,
}) => {
  const email = uniqueEmail("erneut");
  const since = new Date();
  await signUp(page, email);
  await expect(
    card(page).getByText(`Wir haben eine E-Mail an ${email} geschickt.`, { exact: false }),
  ).toBeVisible();
  const first = extractLink(await waitForMail({ to: email, since }), "/verify-email");

  const again = new Date();
  await page.getByRole("button", { name: "Erneut senden" }).click();
  await expect(page.getByText(`Die E-Mail ist noch einmal an ${email} unterwegs.`)).toBeVisible();
  const newest = extractLink(await waitForMail({ to: email, since: again }), "/verify-email");
  expect(newest).not.toBe(first);

  await page.goto(first);
  await expect(page.getByText("Dieser Link ist ungültig")).toBeVisible();
  await page.goto(newest);
  await page.getByRole("button", { name: "E-Mail-Adresse bestätigen" }).click();
  // The click only sends the form: wait for the server to have confirmed, not for the next page.
  await expect
    .poll(
      async () =>
        (await e2eDb().user.findUniqueOrThrow({ where: { emailNormalized: email } })).emailVerifiedAt,
    )
    .not.toBeNull();
});

test("[CUSTOMER] corrects a mistyped address: the form keeps it, the mistyped account is gone", async ({
  page,
}) => {
  const wrong = uniqueEmail("tippfehler");
  const right = uniqueEmail("richtig");
  await signUp(page, wrong);
  await page.getByRole("link", { name: "Ändern" }).click();
  await expect(page).toHaveURL("/register?change=1");
  await expect(page.getByLabel("E-Mail-Adresse")).toHaveValue(wrong);
  await expect(page.getByText("Korrigieren Sie Ihre E-Mail-Adresse")).toBeVisible();

  const since = new Date();
  await page.getByLabel("E-Mail-Adresse").fill(right);
  await page.getByLabel("Passwort").fill(PASSWORD);
  await page.getByLabel(/Ich akzeptiere die Nutzungsbedingungen/).check();
  await page.getByRole("button", { name: "Konto erstellen" }).click();
  await expect(page).toHaveURL("/register/check-email");
  await expect(card(page).getByText(right, { exact: false })).toBeVisible();
  await waitForMail({ to: right, since });
  expect(await e2eDb().user.count({ where: { emailNormalized: wrong } })).toBe(0);
  expect(await e2eDb().user.count({ where: { emailNormalized: right } })).toBe(1);
});

test("[ATTACKER] resending for a taken address looks the same and mails the owner nothing", async ({
  page,
}) => {
  const victim = await createCustomer();
  const fresh = uniqueEmail("neu");
  const textFor = async (email: string) => {
    await signUp(page, email);
    const text = (await card(page).innerText()).replace(email, "ADRESSE");
    await page.getByRole("button", { name: "Erneut senden" }).click();
    await expect(page.getByText(`Die E-Mail ist noch einmal an ${email} unterwegs.`)).toBeVisible();
    return text;
  };
  const since = new Date();
  expect(await textFor(victim.email)).toBe(await textFor(fresh));
  // The owner got the one "someone tried to register" notice of the sign-up, not a second mail.
  await waitForMail({ to: victim.email, since });
  await page.waitForTimeout(1000);
  expect((await listMail(victim.email)).filter((m) => m.date >= since)).toHaveLength(1);
  const sent = await e2eDb().auditEvent.count({
    where: { subjectUserId: victim.id, type: "auth.email_verification_sent" },
  });
  expect(sent).toBe(0);
});

test("[ATTACKER] a stranger's browser cannot replace someone's pending registration", async ({
  page,
  browser,
}) => {
  const victim = uniqueEmail("opfer");
  await signUp(page, victim);
  const stranger = await browser.newContext();
  const strangerPage = await stranger.newPage();
  await strangerPage.goto("/register/check-email");
  // Without the registration cookie the page names no address and offers nothing to act on.
  await expect(strangerPage.getByText(victim)).toHaveCount(0);
  await expect(strangerPage.getByRole("button", { name: "Erneut senden" })).toHaveCount(0);
  await strangerPage.goto("/register?change=1");
  await expect(strangerPage.getByLabel("E-Mail-Adresse")).toHaveValue("");
  await stranger.close();
  expect(await e2eDb().user.count({ where: { emailNormalized: victim } })).toBe(1);
});
