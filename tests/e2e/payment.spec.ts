/**
 * Bank details at /account/payment (docs/decisions/0012): add with a SEPA mandate, masked display, field
 * validation of the check digits, no plaintext IBAN in the database, reveal behind step-up with an
 * audit row, the notice mail, and `npm run keys:rotate` against the server's own database.
 */
import { execFile } from "node:child_process";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { promisify } from "node:util";
import type { Page } from "@playwright/test";
import { parseEncryptionKey, type EncryptionKey } from "../../lib/env";
import { ensureLocalSecrets } from "../../lib/env/local-secrets";
import { expect, test } from "./fixtures";
import { waitForMail } from "./support/mailbox";
import { createCustomer, E2E_BASE_URL, E2E_DATABASE_URL, e2eDb, signInAs } from "./support/users";

const IBAN = "DE89370400440532013000";
const IBAN_GROUPED = "DE89 3704 0044 0532 0130 00";
const MASKED = "DE89 •••• •••• •••• •••• 00";

/** The server's data key: the environment's, else the generated local one (as lib/env resolves it). */
function serverDataKey(): string {
  const key =
    process.env.DATA_ENCRYPTION_KEY ??
    ensureLocalSecrets(["DATA_ENCRYPTION_KEY"]).secrets.DATA_ENCRYPTION_KEY;
  if (!key) throw new Error("no DATA_ENCRYPTION_KEY for the E2E server");
  return key;
}

// An independent reading of the envelope format (v1.<keyId>.<iv>.<ciphertext+tag>, AAD "v1.<keyId>")
// so the test does not trust the app's own code to say that a value decrypts.
function openEnvelope(envelope: string, key: EncryptionKey): string {
  const [version, keyId, iv, sealed] = envelope.split(".");
  expect(version).toBe("v1");
  expect(keyId).toBe(key.id);
  const bytes = Buffer.from(sealed ?? "", "base64url");
  const decipher = createDecipheriv("aes-256-gcm", key.key, Buffer.from(iv ?? "", "base64url"));
  decipher.setAAD(Buffer.from(`v1.${key.id}`));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString();
}

function sealEnvelope(plaintext: string, key: EncryptionKey): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key.key, iv);
  cipher.setAAD(Buffer.from(`v1.${key.id}`));
  const sealed = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return ["v1", key.id, iv.toString("base64url"), sealed.toString("base64url")].join(".");
}

/** `npm run keys:rotate` against the E2E server's database with the given keys; its output. */
async function runRotation(current: string, previous: string): Promise<string> {
  const { stdout } = await promisify(execFile)("npm", ["run", "--silent", "keys:rotate"], {
    env: {
      ...process.env,
      DATABASE_URL: E2E_DATABASE_URL,
      APP_URL: E2E_BASE_URL,
      DATA_ENCRYPTION_KEY: current,
      DATA_ENCRYPTION_PREVIOUS_KEYS: previous,
    },
    timeout: 60_000,
  });
  return stdout;
}

async function addBankAccount(page: Page, opts: { iban: string; mandate: boolean }) {
  await page.getByLabel("Kontoinhaber").fill("Erika Mustermann");
  await page.getByLabel(/^IBAN/).fill(opts.iban);
  if (opts.mandate) await page.getByLabel("Ich erteile das SEPA-Lastschriftmandat.").check();
  await page.getByRole("button", { name: "Bankverbindung speichern" }).click();
}

test("[CUSTOMER] adds an IBAN with a SEPA mandate after step-up, sees it masked; a wrong check digit is refused on the field; the database holds no plaintext IBAN", async ({
  page,
  context,
}) => {
  const customer = await createCustomer();
  const sessionId = await signInAs(context, customer.id);
  // Signed in an hour ago: adding bank details asks for the step-up first.
  await e2eDb().session.update({
    where: { id: sessionId },
    data: { authenticatedAt: new Date(Date.now() - 3_600_000) },
  });
  const since = new Date();
  await page.goto("/account/payment");
  await expect(page.getByRole("heading", { level: 1, name: "Zahlungsdaten" })).toBeVisible();
  await expect(page.getByText("Noch keine Bankverbindung hinterlegt.")).toBeVisible();

  // One digit off in the check digits: refused on the field, nothing sent or stored.
  await addBankAccount(page, { iban: "DE88 3704 0044 0532 0130 00", mandate: false });
  const ibanField = page.getByLabel(/^IBAN/);
  await expect(ibanField).toHaveAttribute("aria-invalid", "true");
  await expect(ibanField).toHaveAccessibleDescription(/Die Prüfziffer der IBAN stimmt nicht/);
  expect(await e2eDb().bankAccount.count({ where: { userId: customer.id } })).toBe(0);

  await ibanField.fill(IBAN_GROUPED);
  await page.getByLabel("Ich erteile das SEPA-Lastschriftmandat.").check();
  await page.getByRole("button", { name: "Bankverbindung speichern" }).click();
  const stepUp = page.getByRole("dialog", { name: "Bestätigen Sie, dass Sie es sind" });
  await stepUp.getByLabel(/^Passwort/).fill(customer.password);
  await stepUp.getByRole("button", { name: "Bestätigen" }).click();
  await expect(stepUp).toBeHidden();
  // The form was sent again by itself, with what was typed.
  await expect(
    page.getByText(/Bankverbindung DE89 •••• •••• •••• •••• 00 gespeichert\. Ihre Mandatsreferenz: KP-/),
  ).toBeVisible();
  const item = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: MASKED }) });
  await expect(item).toBeVisible();
  await expect(item.getByText("Erika Mustermann")).toBeVisible();
  await expect(item.getByText(/Mandatsreferenz KP-\d{8}-/)).toBeVisible();
  await expect(page.getByRole("heading", { name: IBAN_GROUPED })).toHaveCount(0);

  // The row: sealed, key id stored, no plaintext anywhere in it.
  const row = await e2eDb().bankAccount.findFirstOrThrow({ where: { userId: customer.id } });
  const stored = JSON.stringify(row);
  expect(stored).not.toContain(IBAN);
  expect(stored).not.toContain("0532013000");
  expect(row.ibanCiphertext).toMatch(new RegExp(`^v1\\.${row.ibanKeyId}\\.`));
  expect(row).toMatchObject({ ibanCountry: "DE", ibanLength: 22, holderName: "Erika Mustermann" });
  // The mandate is a consent record for the text shown.
  const mandate = await e2eDb().sepaMandate.findFirstOrThrow({
    where: { bankAccountId: row.id },
    include: { consentRecord: { include: { purpose: true } } },
  });
  expect(mandate.consentRecord).toMatchObject({ action: "GRANTED", source: "PAYMENT_SETUP", locale: "de" });
  expect(mandate.consentRecord?.purpose.key).toBe("sepa_mandate");
  expect(mandate.textHash).toBe(mandate.consentRecord?.textHash);

  // The notice mail names the account masked only.
  const mail = await waitForMail({ to: customer.email, subject: /Neue Bankverbindung hinterlegt/, since });
  expect(mail.text).toContain(MASKED);
  expect(mail.text).not.toContain("3704");
});

test("[CUSTOMER] reveals the full IBAN only after confirming with the password; the reveal is audited", async ({
  page,
  context,
}) => {
  const customer = await createCustomer();
  const sessionId = await signInAs(context, customer.id);
  await page.goto("/account/payment");
  await addBankAccount(page, { iban: IBAN, mandate: false });
  await expect(page.getByRole("heading", { name: MASKED })).toBeVisible();
  const account = await e2eDb().bankAccount.findFirstOrThrow({ where: { userId: customer.id } });

  // An hour later: the session is no longer recent enough for a sensitive action.
  await e2eDb().session.update({
    where: { id: sessionId },
    data: { authenticatedAt: new Date(Date.now() - 60 * 60 * 1000) },
  });
  await page.reload();
  await page.getByRole("button", { name: "IBAN anzeigen" }).click();
  const dialog = page.getByRole("dialog", { name: "Bestätigen Sie, dass Sie es sind" });
  await expect(dialog).toBeVisible();
  await expect(page.getByRole("heading", { name: IBAN_GROUPED })).toHaveCount(0);
  expect(
    await e2eDb().auditEvent.count({ where: { type: "bank_account.revealed", targetId: account.id } }),
  ).toBe(0);

  await dialog.getByLabel("Passwort").fill(customer.password);
  await dialog.getByRole("button", { name: "Bestätigen" }).click();
  await expect(page.getByRole("heading", { name: IBAN_GROUPED })).toBeVisible();
  await expect(dialog).toBeHidden();
  const audit = await e2eDb().auditEvent.findFirstOrThrow({
    where: { type: "bank_account.revealed", targetId: account.id },
  });
  expect(audit).toMatchObject({ actorId: customer.id, subjectUserId: customer.id, actorRole: "CUSTOMER" });

  await page.getByRole("button", { name: "IBAN verbergen" }).click();
  await expect(page.getByRole("heading", { name: MASKED })).toBeVisible();
});

test("[CUSTOMER] changes the IBAN of an account, which ends its mandate and grants a new one, then removes the account", async ({
  page,
  context,
}) => {
  const customer = await createCustomer();
  await signInAs(context, customer.id);
  await page.goto("/account/payment");
  await addBankAccount(page, { iban: IBAN, mandate: true });
  const item = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: MASKED }) });
  await expect(item.getByText(/Mandatsreferenz KP-/)).toBeVisible();
  const firstMandate = await e2eDb().sepaMandate.findFirstOrThrow({ where: { userId: customer.id } });

  const since = new Date();
  await item.getByRole("button", { name: "Ändern" }).click();
  await expect(item.getByLabel("Kontoinhaber")).toHaveValue("Erika Mustermann");
  // A BIC from another country than the new IBAN is refused on the field.
  await item.getByLabel(/^IBAN/).fill("AT61 1904 3002 3457 3201");
  await item.getByLabel("BIC (optional)").fill("COBADEFFXXX");
  await item.getByRole("button", { name: "Änderungen speichern" }).click();
  await expect(item.getByLabel("BIC (optional)")).toHaveAccessibleDescription(
    /Die BIC gehört zu einem anderen Land als die IBAN/,
  );
  await item.getByLabel("BIC (optional)").fill("BKAUATWWXXX");
  await item.getByLabel("Ich erteile das SEPA-Lastschriftmandat.").check();
  await item.getByRole("button", { name: "Änderungen speichern" }).click();

  const changed = page.getByRole("listitem").filter({
    has: page.getByRole("heading", { name: "AT61 •••• •••• •••• ••01" }),
  });
  // The form closed; the toaster tells the outcome (docs/decisions/0054).
  await expect(
    page
      .getByRole("region", { name: "Benachrichtigungen" })
      .getByText(/Änderungen gespeichert\. Ihre Mandatsreferenz: KP-/),
  ).toBeVisible();
  await expect(changed.getByRole("button", { name: "Änderungen speichern" })).toHaveCount(0);
  await expect(changed.getByText("BKAUATWWXXX")).toBeVisible();
  const mandates = await e2eDb().sepaMandate.findMany({
    where: { userId: customer.id },
    orderBy: { createdAt: "asc" },
  });
  expect(mandates).toHaveLength(2);
  expect(mandates[0]?.id).toBe(firstMandate.id);
  expect(mandates[0]?.revokedAt).not.toBeNull();
  expect(mandates[1]?.revokedAt).toBeNull();
  await waitForMail({ to: customer.email, subject: /Bankverbindung geändert/, since });

  await changed.getByRole("button", { name: "Entfernen" }).click();
  await changed.getByRole("button", { name: "Ja, entfernen" }).click();
  await expect(page.getByText("Noch keine Bankverbindung hinterlegt.")).toBeVisible();
  expect(await e2eDb().bankAccount.count({ where: { userId: customer.id } })).toBe(0);
  await waitForMail({ to: customer.email, subject: /Bankverbindung entfernt/, since });
});

test("[OPERATOR] keys:rotate re-encrypts every IBAN and TOTP secret with a new key; they still decrypt", async ({
  page,
  context,
}) => {
  const oldKeyText = serverDataKey();
  const oldKey = parseEncryptionKey(oldKeyText) as EncryptionKey;
  const newKeyText = randomBytes(32).toString("base64");
  const newKey = parseEncryptionKey(newKeyText) as EncryptionKey;

  const customer = await createCustomer();
  await signInAs(context, customer.id);
  await page.goto("/account/payment");
  await addBankAccount(page, { iban: "AT61 1904 3002 3457 3201", mandate: false });
  await expect(page.getByRole("heading", { name: "AT61 •••• •••• •••• ••01" })).toBeVisible();
  // A TOTP enrolment sealed with the same key (not confirmed, so sign-ins are unaffected).
  await e2eDb().totpFactor.create({
    data: {
      userId: customer.id,
      secretCiphertext: sealEnvelope("JBSWY3DPEHPK3PXP", oldKey),
      secretKeyId: oldKey.id,
    },
  });
  const db = e2eDb();
  const accountsUnderOld = await db.bankAccount.count({ where: { ibanKeyId: oldKey.id } });
  const totpUnderOld = await db.totpFactor.count({ where: { secretKeyId: oldKey.id } });
  expect(accountsUnderOld).toBeGreaterThanOrEqual(1);

  try {
    // Rotate to the new key: every row moves, and opens with the new key alone.
    const output = await runRotation(newKeyText, oldKeyText);
    expect(output).toContain(`bank accounts (IBAN): ${accountsUnderOld} re-encrypted`);
    expect(output).toContain(`TOTP secrets: ${totpUnderOld} re-encrypted`);
    expect(await db.bankAccount.count({ where: { ibanKeyId: { not: newKey.id } } })).toBe(0);
    expect(await db.totpFactor.count({ where: { secretKeyId: { not: newKey.id } } })).toBe(0);
    const account = await db.bankAccount.findFirstOrThrow({ where: { userId: customer.id } });
    expect(openEnvelope(account.ibanCiphertext, newKey)).toBe(`${account.id}:AT611904300234573201`);
    const factor = await db.totpFactor.findUniqueOrThrow({ where: { userId: customer.id } });
    expect(openEnvelope(factor.secretCiphertext, newKey)).toBe("JBSWY3DPEHPK3PXP");

    // Idempotent: a second run has nothing to do.
    expect(await runRotation(newKeyText, oldKeyText)).toContain("bank accounts (IBAN): 0 re-encrypted");
  } finally {
    // Rotate back to the server's key (even after a failure above), so the running app, which
    // knows only that key, still reads everything for the specs that follow.
    expect(await runRotation(oldKeyText, newKeyText)).toContain("TOTP secrets:");
  }
  expect(await db.bankAccount.count({ where: { ibanKeyId: { not: oldKey.id } } })).toBe(0);
  expect(await db.totpFactor.count({ where: { secretKeyId: { not: oldKey.id } } })).toBe(0);
  // The app still decrypts: the reveal shows the IBAN again.
  await page.reload();
  await page.getByRole("button", { name: "IBAN anzeigen" }).click();
  await expect(page.getByRole("heading", { name: "AT61 1904 3002 3457 3201" })).toBeVisible();
});
