/**
 * An e-mailed sign-in code proves the mailbox (issue 15 item 6, docs/decisions/0057): the code
 * sign-in of an unconfirmed account confirms the address, keeps this sign-in and signs out every
 * session set up before it. The E2E server trusts X-Forwarded-For, so the sign-in comes "from" the
 * USA: a new device in a new country is medium risk, which asks for the code.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { waitForMail } from "./support/mailbox";
import { createCustomer, e2eDb, signInAs } from "./support/users";

/** An unconfirmed customer last seen in Berlin two days ago, with a session in another browser. */
async function unconfirmedCustomerSignedInElsewhere(browser: import("@playwright/test").Browser) {
  const customer = await createCustomer({ verified: false });
  await e2eDb().signInAttempt.create({
    data: {
      userId: customer.id,
      emailNormalized: customer.email,
      method: "PASSWORD",
      result: "SUCCEEDED",
      ip: "81.169.145.1",
      country: "DE",
      city: "Berlin",
      latitude: 52.52,
      longitude: 13.405,
      createdAt: new Date(Date.now() - 48 * 3_600_000),
    },
  });
  const elsewhere = await browser.newContext();
  await signInAs(elsewhere, customer.id);
  return { customer, elsewhere };
}

async function passwordStep(page: Page, customer: { email: string; password: string }) {
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": "8.8.8.8" }); // geoip-lite: US
  await page.goto("/login");
  await page.getByLabel("E-Mail-Adresse").fill(customer.email);
  await page.getByRole("textbox", { name: "Passwort (Pflichtfeld)" }).fill(customer.password);
  await page.getByRole("button", { name: "Anmelden", exact: true }).click();
  await expect(page).toHaveURL("/login/verify");
}

const verifiedAt = async (id: string) =>
  (await e2eDb().user.findUniqueOrThrow({ where: { id } })).emailVerifiedAt;

test("[CUSTOMER] signs in with the code from the mail: the address is confirmed and older sessions end", async ({
  page,
  browser,
}) => {
  const { customer, elsewhere } = await unconfirmedCustomerSignedInElsewhere(browser);
  const since = new Date();
  await passwordStep(page, customer);
  const codeMail = await waitForMail({ to: customer.email, since, subject: /Anmeldecode/ });
  await page.getByLabel("Code aus der E-Mail").fill(/\b(\d{6})\b/.exec(codeMail.text)![1]!);
  await page.getByRole("button", { name: "Bestätigen" }).click();
  await expect(page).toHaveURL("/account");
  expect(await verifiedAt(customer.id)).not.toBeNull();

  // This sign-in stays; the session set up before the proof is signed out.
  await page.goto("/account/security");
  await expect(page).toHaveURL("/account/security");
  const other = await elsewhere.newPage();
  await other.goto("/account");
  await expect(other).toHaveURL(/\/login/);
  await elsewhere.close();
});

test("[ATTACKER] a wrong code confirms nothing and signs nobody out", async ({ page, browser }) => {
  const { customer, elsewhere } = await unconfirmedCustomerSignedInElsewhere(browser);
  const since = new Date();
  await passwordStep(page, customer);
  const code = /\b(\d{6})\b/.exec(
    (await waitForMail({ to: customer.email, since, subject: /Anmeldecode/ })).text,
  )![1]!;
  await page.getByLabel("Code aus der E-Mail").fill(code === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "Bestätigen" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Der Code stimmt nicht" })).toBeVisible();
  expect(await verifiedAt(customer.id)).toBeNull();
  const other = await elsewhere.newPage();
  await other.goto("/account");
  await expect(other).toHaveURL("/account");
  await elsewhere.close();
});
