/**
 * /verify-email in the browser (docs/decisions/0019): opening a mailed link changes nothing, because mail
 * scanners open links; the page says what the link is for and its button posts
 * (docs/decisions/0019). A verification link also offers "Das war ich nicht", which deletes an
 * account someone else registered with the address (docs/decisions/0018).
 */
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { hashToken } from "../../lib/server/crypto/token-hash";
import { expect, test } from "./fixtures";
import { extractLink, waitForMail } from "./support/mailbox";
import { createCustomer, e2eDb, uniqueEmail } from "./support/users";

async function registerWithPassword(page: Page, email: string): Promise<string> {
  const since = new Date();
  await page.goto("/register");
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel("Passwort").fill("Ein Konto mit fremder Adresse");
  await page.getByLabel(/Ich akzeptiere die Nutzungsbedingungen/).check();
  await page.getByRole("button", { name: "Konto erstellen" }).click();
  await expect(page).toHaveURL("/register/check-email");
  return extractLink(await waitForMail({ to: email, since }), "/verify-email");
}

const verifiedAt = async (email: string) =>
  (await e2eDb().user.findUnique({ where: { emailNormalized: email } }))?.emailVerifiedAt;

test("[CUSTOMER] opening the verification link changes nothing until the button confirms the address", async ({
  page,
}) => {
  const email = uniqueEmail("bestaetigen");
  const link = await registerWithPassword(page, email);

  await page.goto(link);
  await page.reload(); // a second opening, as a mail scanner and then the person would
  expect(await verifiedAt(email)).toBeNull();
  await expect(
    page.getByText("Bitte bestätigen Sie nur, wenn Sie dieses Konto selbst angelegt haben"),
  ).toBeVisible();
  await expect(page.getByText(/angelegt\. Angemeldet wird mit einem Passwort\./)).toBeVisible();

  await page.getByRole("button", { name: "E-Mail-Adresse bestätigen" }).click();
  await expect(page.getByText("Ihre E-Mail-Adresse ist bestätigt")).toBeVisible();
  await expect(page).toHaveURL("/verify-email?status=verified");
  expect(await verifiedAt(email)).not.toBeNull();

  // A second click on the used link says so kindly (docs/decisions/0056).
  await page.goto(link);
  await expect(page.getByText("Ihre Adresse ist bereits bestätigt.")).toBeVisible();
});

test("[CUSTOMER] answers „Das war ich nicht“ to a registration with their address: the account is deleted and the address is free", async ({
  page,
}) => {
  const email = uniqueEmail("nicht-ich");
  const link = await registerWithPassword(page, email);

  await page.goto(link);
  await page.getByRole("button", { name: "Das war ich nicht" }).click();
  await expect(page.getByText("Das Konto wurde gelöscht.")).toBeVisible();
  expect(await e2eDb().user.count({ where: { emailNormalized: email } })).toBe(0);
  const discarded = await e2eDb().auditEvent.count({ where: { type: "auth.unproven_account_discarded" } });
  expect(discarded).toBeGreaterThan(0);

  await page.goto(link);
  await expect(page.getByText("Dieser Link ist ungültig")).toBeVisible();
  await expect(page.getByRole("button", { name: "Das war ich nicht" })).toHaveCount(0);
  // The owner registers the address now and gets a verification link of their own.
  await registerWithPassword(page, email);
  expect(await e2eDb().user.count({ where: { emailNormalized: email } })).toBe(1);
});

test("[CUSTOMER] opening the email-change link changes nothing until the button confirms the new address", async ({
  page,
}) => {
  const customer = await createCustomer();
  const newEmail = uniqueEmail("neue-adresse");
  const token = randomBytes(32).toString("base64url");
  await e2eDb().verificationToken.create({
    data: {
      tokenHash: hashToken(token),
      purpose: "EMAIL_CHANGE",
      userId: customer.id,
      payload: { newEmail },
      expiresAt: new Date(Date.now() + 3_600_000),
    },
  });

  await page.goto(`/verify-email?token=${token}`);
  expect((await e2eDb().user.findUniqueOrThrow({ where: { id: customer.id } })).email).toBe(customer.email);
  await expect(
    page.getByText(`Bitte bestätigen Sie, dass ${newEmail} die neue E-Mail-Adresse`),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Das war ich nicht" })).toHaveCount(0);

  await page.getByRole("button", { name: "Neue E-Mail-Adresse bestätigen" }).click();
  await expect(page.getByText("Ihre neue E-Mail-Adresse ist bestätigt und ab sofort aktiv.")).toBeVisible();
  expect((await e2eDb().user.findUniqueOrThrow({ where: { id: customer.id } })).email).toBe(newEmail);
});
