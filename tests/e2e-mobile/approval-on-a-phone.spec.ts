/**
 * A shop approval on a phone (390×844; docs/decisions/0063): the customer opens the approval from
 * the notice on the phone, so the page with a long item name and a four-line address fits the
 * screen while pending and once decided.
 */
import { expect, test } from "../e2e/fixtures";
import { requestApproval } from "../e2e/support/approvals";
import { createTestApiKey } from "../e2e/support/marketing";
import { createCustomer, signInAs } from "../e2e/support/users";
import { expectNoHorizontalOverflow } from "./no-overflow";

test("[CUSTOMER] on a phone sees a shop's approval request within the width of the screen", async ({
  page,
  context,
}) => {
  const key = await createTestApiKey(["orders:write"]);
  const user = await createCustomer();
  await signInAs(context, user.id);
  const approval = await requestApproval(page.request, key, user.id);
  await page.goto(`/account/approvals/${approval.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Freigabe einer Bestellung" })).toBeVisible();
  await expect(page.getByText("Schreibtisch Eiche 160 × 80 cm", { exact: false })).toBeVisible();
  await expectNoHorizontalOverflow(page);

  await page.getByRole("button", { name: "Bestellung ablehnen" }).click();
  await expect(
    page.getByText("Sie haben diese Bestellung abgelehnt. Der Shop wurde informiert."),
  ).toBeVisible();
  await expectNoHorizontalOverflow(page);
});
