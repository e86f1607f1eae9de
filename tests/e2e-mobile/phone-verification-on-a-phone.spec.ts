/**
 * The phone-number proof of /account/communication (docs/decisions/0052) at 390×844: the card with
 * the code form open and the disabled SMS choice fit the screen.
 */
import { expect, test } from "../e2e/fixtures";
import { waitForSmsCode } from "../e2e/support/sms";
import { createCustomer, e2eDb, signInAs } from "../e2e/support/users";
import { expectNoHorizontalOverflow } from "./no-overflow";

test("[CUSTOMER] on a phone confirms the phone number for SMS within the width of the screen", async ({
  page,
  context,
}) => {
  const user = await createCustomer();
  const phoneE164 = `+49151${Math.floor(10_000_000 + Math.random() * 89_999_999)}`;
  await e2eDb().profile.create({ data: { userId: user.id, phoneE164 } });
  await signInAs(context, user.id);

  await page.goto("/account/communication");
  await expect(page.getByRole("checkbox", { name: "SMS" })).toBeDisabled();
  await expectNoHorizontalOverflow(page);
  const since = new Date(Date.now() - 1000);
  await page.getByRole("button", { name: "Code per SMS senden" }).click();
  await expect(page.getByLabel("Code aus der SMS")).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await page.getByLabel("Code aus der SMS").fill(await waitForSmsCode({ to: phoneE164, since }));
  await page.getByRole("button", { name: "Telefonnummer bestätigen" }).click();
  await expect(page.getByRole("checkbox", { name: "SMS" })).toBeEnabled();
  await expectNoHorizontalOverflow(page);
});
