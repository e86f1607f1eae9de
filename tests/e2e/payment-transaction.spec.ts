/**
 * A new IBAN through transaction confirmation (docs/decisions/0010, addendum): a
 * customer with a passkey (or, without one, an authenticator app) sees the change in full on
 * /account/payment/confirm/<id> and confirms exactly that; the account changes and the notice mail
 * arrives only then. Details altered in the database between display and approval are rejected
 * and leave the account as it was. Customers with neither factor: payment.spec.ts (step-up only).
 */
import { createCipheriv, randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { parseEncryptionKey, type EncryptionKey } from "../../lib/env";
import { ensureLocalSecrets } from "../../lib/env/local-secrets";
import { expect, test } from "./fixtures";
import { listMail, waitForMail } from "./support/mailbox";
import { createCustomer, e2eDb, signInAs } from "./support/users";
import { activateAuthenticatorApp, totpCode } from "./support/totp";
import { customerWithPasskey, runCeremony } from "./support/webauthn";

const OLD_MASKED = "DE89 •••• •••• •••• •••• 00";
const NEW_IBAN = "AT611904300234573201";
const NEW_GROUPED = "AT61 1904 3002 3457 3201";
const NEW_MASKED = "AT61 •••• •••• •••• ••01";
const CONFIRM_PASSKEY = "Mit Passkey bestätigen";
const REJECTED = "Die Bestätigung wurde abgelehnt und nichts ausgeführt";

/** Adds DE89… with a mandate at /account/payment and returns its row. */
async function addAccount(page: Page, userId: string) {
  await page.goto("/account/payment");
  await page.getByLabel("Kontoinhaber").fill("Erika Mustermann");
  await page.getByLabel(/^IBAN/).fill("DE89 3704 0044 0532 0130 00");
  await page.getByLabel("Ich erteile das SEPA-Lastschriftmandat.").check();
  await page.getByRole("button", { name: "Bankverbindung speichern" }).click();
  await expect(page.getByRole("heading", { name: OLD_MASKED })).toBeVisible();
  return e2eDb().bankAccount.findFirstOrThrow({ where: { userId } });
}

/** Enters the new IBAN in the change form; the customer lands on the confirmation page. */
async function requestIbanChange(page: Page, userId: string) {
  const item = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: OLD_MASKED }) });
  await item.getByRole("button", { name: "Ändern" }).click();
  await item.getByLabel(/^IBAN/).fill(NEW_GROUPED);
  await item.getByLabel("BIC (optional)").fill("BKAUATWWXXX");
  await item.getByLabel("Ich erteile das SEPA-Lastschriftmandat.").check();
  await item.getByRole("button", { name: "Änderungen speichern" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Neue IBAN bestätigen" })).toBeVisible();
  const transaction = await e2eDb().transactionConfirmation.findFirstOrThrow({
    where: { userId, kind: "bank_account.change", status: "PENDING" },
  });
  await expect(page).toHaveURL(new RegExp(`/account/payment/confirm/${transaction.id}$`));
  // Exactly what will be done: from the old account (masked) to the new IBAN in full.
  await expect(page.getByText(OLD_MASKED, { exact: true })).toBeVisible();
  await expect(page.getByText(NEW_GROUPED)).toBeVisible();
  await expect(page.getByText("Erika Mustermann")).toBeVisible();
  await expect(page.getByText("BKAUATWWXXX")).toBeVisible();
  await expect(page.getByText(/Für die neue IBAN wird ein SEPA-Lastschriftmandat erteilt/)).toBeVisible();
  // The stored details hold the new IBAN sealed and masked, never in clear.
  expect(JSON.stringify(transaction.details)).not.toContain(NEW_IBAN);
  expect(JSON.stringify(transaction.details)).not.toContain("1904300234573201");
  expect(transaction.details).toMatchObject({ oldIbanMasked: OLD_MASKED, newIbanMasked: NEW_MASKED });
  return transaction;
}

test("[CUSTOMER] with a passkey changes the IBAN only after confirming the new one with the passkey", async ({
  page,
  context,
  axeAudits,
}) => {
  const user = await customerWithPasskey(page, context, axeAudits);
  const account = await addAccount(page, user.id);
  const transaction = await requestIbanChange(page, user.id);
  // Nothing changed yet.
  expect((await e2eDb().bankAccount.findUniqueOrThrow({ where: { id: account.id } })).ibanCiphertext).toBe(
    account.ibanCiphertext,
  );

  const since = new Date();
  await runCeremony(
    page,
    axeAudits,
    () => page.getByRole("button", { name: CONFIRM_PASSKEY }).click(),
    page.getByRole("status").filter({ hasText: "Bankverbindung geändert" }),
  );
  await expect(page.getByRole("button", { name: CONFIRM_PASSKEY })).toHaveCount(0);

  const after = await e2eDb().transactionConfirmation.findUniqueOrThrow({ where: { id: transaction.id } });
  expect(after).toMatchObject({ status: "CONFIRMED", method: "PASSKEY", rejectedAt: null });
  expect(after.executedAt).not.toBeNull();
  expect(await e2eDb().bankAccount.findUniqueOrThrow({ where: { id: account.id } })).toMatchObject({
    ibanCountry: "AT",
    ibanLast4: "3201",
    bic: "BKAUATWWXXX",
  });
  const mail = await waitForMail({ to: user.email, subject: /Bankverbindung geändert/, since });
  expect(mail.text).toContain(NEW_MASKED);
  expect(mail.text).not.toContain("1904");

  await page.getByRole("link", { name: "Zurück zu den Zahlungsdaten" }).click();
  const item = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: NEW_MASKED }) });
  await expect(item.getByText(/Mandatsreferenz KP-/)).toBeVisible();
  await expect(page.getByRole("heading", { name: OLD_MASKED })).toHaveCount(0);
});

/** The E2E server's data key (as payment.spec.ts resolves it). */
function serverDataKey(): EncryptionKey {
  const text =
    process.env.DATA_ENCRYPTION_KEY ??
    ensureLocalSecrets(["DATA_ENCRYPTION_KEY"]).secrets.DATA_ENCRYPTION_KEY;
  if (!text) throw new Error("no DATA_ENCRYPTION_KEY for the E2E server");
  return parseEncryptionKey(text) as EncryptionKey;
}

/** An envelope as lib/server/crypto/encryption.ts writes it, so the forged value even opens. */
function sealEnvelope(plaintext: string, key: EncryptionKey): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key.key, iv);
  cipher.setAAD(Buffer.from(`v1.${key.id}`));
  const sealed = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return ["v1", key.id, iv.toString("base64url"), sealed.toString("base64url")].join(".");
}

test("[CUSTOMER] confirming after the stored new IBAN was swapped behind the page is rejected; the account stays as it was", async ({
  page,
  context,
  axeAudits,
}) => {
  const user = await customerWithPasskey(page, context, axeAudits);
  const account = await addAccount(page, user.id);
  const transaction = await requestIbanChange(page, user.id);

  // Someone with write access to the database redirects the payout to their own account, sealed
  // with the server's key and masked to match, so the value itself is well formed.
  const attackerIban = "DE02120300000000202051";
  await e2eDb().transactionConfirmation.update({
    where: { id: transaction.id },
    data: {
      details: {
        ...(transaction.details as Record<string, string | boolean | null>),
        newIbanMasked: "DE02 •••• •••• •••• •••• 51",
        newIbanSealed: sealEnvelope(
          `bank_account.change:${user.id}:${account.id}:${attackerIban}`,
          serverDataKey(),
        ),
      },
    },
  });

  await runCeremony(
    page,
    axeAudits,
    () => page.getByRole("button", { name: CONFIRM_PASSKEY }).click(),
    page.getByRole("alert").filter({ hasText: REJECTED }),
  );
  await expect(page.getByRole("status").filter({ hasText: "Bankverbindung geändert" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: CONFIRM_PASSKEY })).toHaveCount(0);

  const after = await e2eDb().transactionConfirmation.findUniqueOrThrow({ where: { id: transaction.id } });
  expect(after).toMatchObject({ status: "REJECTED", method: "PASSKEY", executedAt: null, confirmedAt: null });
  const audit = await e2eDb().auditEvent.findFirstOrThrow({
    where: { type: "transaction.rejected", targetId: transaction.id },
  });
  expect(audit.metadata).toEqual({
    kind: "bank_account.change",
    method: "PASSKEY",
    reason: "details_changed",
  });
  const unchanged = await e2eDb().bankAccount.findUniqueOrThrow({ where: { id: account.id } });
  expect(unchanged).toEqual(account);
  expect(await e2eDb().sepaMandate.count({ where: { bankAccountId: account.id, revokedAt: null } })).toBe(1);

  // The rejected change cannot be offered again; the list still shows the old account.
  await page.getByRole("button", { name: "Neue Freigabe anfordern" }).click();
  await expect(page.getByText(/Diese Änderung kann nicht mehr bestätigt werden/)).toBeVisible();
  await page.getByRole("link", { name: "Zurück zu den Zahlungsdaten" }).click();
  await expect(page.getByRole("heading", { name: OLD_MASKED })).toBeVisible();
  // Only the notice of the account being added went out, none of a change.
  const notices = (await listMail(user.email)).filter((m) => /Bankverbindung/.test(m.subject));
  expect(notices.map((m) => m.subject)).toEqual([expect.stringMatching(/Neue Bankverbindung hinterlegt/)]);
});

test("[CUSTOMER] without a passkey confirms the new IBAN with a code from the authenticator app", async ({
  page,
  context,
}) => {
  const user = await createCustomer();
  await signInAs(context, user.id);
  await page.goto("/account/security");
  const secret = await activateAuthenticatorApp(page);

  const account = await addAccount(page, user.id);
  const transaction = await requestIbanChange(page, user.id);
  await expect(page.getByRole("button", { name: CONFIRM_PASSKEY })).toHaveCount(0);
  const since = new Date();
  await page.getByLabel("Sechsstelliger Code aus der App").fill(await totpCode(secret, 1));
  await page.getByRole("button", { name: "Mit Code bestätigen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Bankverbindung geändert" })).toBeVisible();

  const after = await e2eDb().transactionConfirmation.findUniqueOrThrow({ where: { id: transaction.id } });
  expect(after).toMatchObject({ status: "CONFIRMED", method: "TOTP" });
  expect(after.executedAt).not.toBeNull();
  expect(await e2eDb().bankAccount.findUniqueOrThrow({ where: { id: account.id } })).toMatchObject({
    ibanCountry: "AT",
    ibanLast4: "3201",
  });
  await waitForMail({ to: user.email, subject: /Bankverbindung geändert/, since });
});
