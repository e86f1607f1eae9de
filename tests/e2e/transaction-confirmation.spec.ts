/**
 * Transaction confirmation (docs/decisions/0010) on the demo order approval at /account/orders:
 * a passkey assertion whose challenge is bound to the displayed details executes the order; the
 * same approval after the stored details were altered behind the page's back is rejected. Passkeys
 * through Chromium's virtual authenticator (support/webauthn.ts).
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createCustomer, e2eDb, signInAs } from "./support/users";
import { activateAuthenticatorApp, totpCode } from "./support/totp";
import { customerWithPasskey, runCeremony } from "./support/webauthn";

const TOTAL = /^1\.249,00\s€$/;
const REJECTED = "Die Bestätigung wurde abgelehnt und nichts ausgeführt";

/** Opens the demo approval and returns the pending transaction the page shows. */
async function openOrderApproval(page: Page, userId: string) {
  await page.goto("/account/orders");
  await expect(page.getByRole("heading", { level: 1, name: "Bestellfreigabe" })).toBeVisible();
  await expect(page.getByText(TOTAL)).toBeVisible();
  await expect(page.getByText("3 × Bürostuhl ErgoPlus zu je 299,00 €")).toBeVisible();
  const transaction = await e2eDb().transactionConfirmation.findFirstOrThrow({
    where: { userId, kind: "order.approve", status: "PENDING" },
  });
  const details = transaction.details as { orderNumber: string; totalCents: number };
  expect(details.totalCents).toBe(124_900);
  await expect(page.getByRole("heading", { name: `Bestellung ${details.orderNumber}` })).toBeVisible();
  return { ...transaction, details };
}

test("[CUSTOMER] approves an order over the limit with a passkey, and the order is executed", async ({
  page,
  context,
  axeAudits,
}) => {
  const user = await customerWithPasskey(page, context, axeAudits);
  const transaction = await openOrderApproval(page, user.id);
  expect(transaction.sessionId).toBe(user.sessionId);

  await runCeremony(
    page,
    axeAudits,
    () => page.getByRole("button", { name: "Mit Passkey bestätigen" }).click(),
    page.getByRole("status").filter({ hasText: "Bestellung freigegeben" }),
  );
  await expect(page.getByRole("button", { name: "Mit Passkey bestätigen" })).toHaveCount(0);

  const after = await e2eDb().transactionConfirmation.findUniqueOrThrow({ where: { id: transaction.id } });
  expect(after).toMatchObject({ status: "CONFIRMED", method: "PASSKEY", rejectedAt: null });
  expect(after.confirmedAt).not.toBeNull();
  expect(after.executedAt).not.toBeNull();
  const challenge = await e2eDb().webAuthnChallenge.findFirstOrThrow({
    where: { transactionId: transaction.id, purpose: "TRANSACTION" },
  });
  expect(challenge.consumedAt).not.toBeNull();
  const audit = await e2eDb().auditEvent.findFirstOrThrow({
    where: { type: "transaction.confirmed", targetId: transaction.id },
  });
  expect(audit.metadata).toEqual({
    kind: "order.approve",
    method: "PASSKEY",
    detailsHash: transaction.detailsHash,
  });
  const passkey = await e2eDb().passkey.findFirstOrThrow({ where: { userId: user.id } });
  expect(passkey.lastUsedAt).not.toBeNull();
});

test("[CUSTOMER] approving after the stored order details were altered behind the page is rejected", async ({
  page,
  context,
  axeAudits,
}) => {
  const user = await customerWithPasskey(page, context, axeAudits);
  const transaction = await openOrderApproval(page, user.id);

  // The page shows 1.249,00 €; someone with write access to the database raises the stored total.
  await e2eDb().transactionConfirmation.update({
    where: { id: transaction.id },
    data: { details: { ...transaction.details, totalCents: 1_249_000 } },
  });

  await runCeremony(
    page,
    axeAudits,
    () => page.getByRole("button", { name: "Mit Passkey bestätigen" }).click(),
    page.getByRole("alert").filter({ hasText: REJECTED }),
  );
  await expect(page.getByRole("status").filter({ hasText: "Bestellung freigegeben" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Mit Passkey bestätigen" })).toHaveCount(0);

  const after = await e2eDb().transactionConfirmation.findUniqueOrThrow({ where: { id: transaction.id } });
  expect(after).toMatchObject({ status: "REJECTED", method: "PASSKEY", executedAt: null, confirmedAt: null });
  expect(after.rejectedAt).not.toBeNull();
  const audit = await e2eDb().auditEvent.findFirstOrThrow({
    where: { type: "transaction.rejected", targetId: transaction.id },
  });
  expect(audit.metadata).toEqual({ kind: "order.approve", method: "PASSKEY", reason: "details_changed" });

  // A fresh approval is offered, with the details as they are now stored for it.
  await page.getByRole("button", { name: "Neue Freigabe anfordern" }).click();
  await expect(page.getByRole("button", { name: "Mit Passkey bestätigen" })).toBeVisible();
  await expect(page.getByText(TOTAL)).toBeVisible();
  await expect
    .poll(() => e2eDb().transactionConfirmation.count({ where: { userId: user.id, status: "PENDING" } }))
    .toBe(1);
});

test("[CUSTOMER] without a passkey approves the order with a code from the authenticator app", async ({
  page,
  context,
}) => {
  const user = await createCustomer();
  await signInAs(context, user.id);
  await page.goto("/account/security");
  const secret = await activateAuthenticatorApp(page);

  const transaction = await openOrderApproval(page, user.id);
  await expect(page.getByRole("button", { name: "Mit Passkey bestätigen" })).toHaveCount(0);
  const code = page.getByLabel("Sechsstelliger Code aus der App");
  // A code from five minutes ago is outside the accepted window.
  await code.fill(await totpCode(secret, -10));
  await page.getByRole("button", { name: "Mit Code bestätigen" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Der Code stimmt nicht." })).toBeVisible();
  expect(
    (await e2eDb().transactionConfirmation.findUniqueOrThrow({ where: { id: transaction.id } })).status,
  ).toBe("PENDING");

  await code.fill(await totpCode(secret, 1));
  await page.getByRole("button", { name: "Mit Code bestätigen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Bestellung freigegeben" })).toBeVisible();
  const after = await e2eDb().transactionConfirmation.findUniqueOrThrow({ where: { id: transaction.id } });
  expect(after).toMatchObject({ status: "CONFIRMED", method: "TOTP" });
  expect(after.executedAt).not.toBeNull();
});
