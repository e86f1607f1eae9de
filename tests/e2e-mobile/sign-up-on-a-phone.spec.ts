/**
 * The pages from sign-up to a usable account on a phone (issue 15 items 2 and 4–6, 390×844): each
 * fits the screen. The desktop specs (tests/e2e/terms.spec.ts, …) prove the behaviour.
 */
import { expect, test } from "../e2e/fixtures";
import { expectNoHorizontalOverflow } from "./no-overflow";

test("[VISITOR] reads the terms of use on a phone", async ({ page }) => {
  await page.goto("/terms");
  await expect(page.getByRole("heading", { level: 1, name: "Nutzungsbedingungen" })).toBeVisible();
  await expectNoHorizontalOverflow(page);
});
