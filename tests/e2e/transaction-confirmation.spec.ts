/**
 * Transaction confirmation (docs/decisions/0010) without a passkey: the customer confirms with a
 * code from the authenticator app. Shown on a shop's approval request (docs/decisions/0063), which
 * replaced the demo order approval at /account/orders (decision 0066); the passkey path, tampered
 * details and replays are in shop-approvals.spec.ts.
 */
import { expect, test } from "./fixtures";
import { requestApproval } from "./support/approvals";
import { createTestApiKey } from "./support/marketing";
import { activateAuthenticatorApp, totpCode } from "./support/totp";
import { createCustomer, e2eDb, signInAs } from "./support/users";

test("[CUSTOMER] without a passkey approves the order with a code from the authenticator app", async ({
  page,
  context,
}) => {
  const user = await createCustomer();
  await signInAs(context, user.id);
  await page.goto("/account/security");
  const secret = await activateAuthenticatorApp(page);
  const key = await createTestApiKey(["orders:write"]);
  const approval = await requestApproval(page.request, key, user.id);

  await page.goto(`/account/approvals/${approval.id}`);
  await expect(page.getByText(/^1\.249,00\s€$/)).toBeVisible();
  const transaction = await e2eDb().transactionConfirmation.findFirstOrThrow({
    where: { userId: user.id, kind: "shop_approval.approve", status: "PENDING" },
  });
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
