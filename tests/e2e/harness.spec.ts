import { expect, test } from "./fixtures";

// The harness's own guarantees: these tests are expected to FAIL (test.fail), proving that the
// automatic checks of tests/e2e/fixtures.ts are not checks that cannot fail.
test.describe("E2E harness self-check", () => {
  test("[HARNESS] a serious accessibility violation fails the test", async ({ page, axeAudits }) => {
    test.fail();
    await page.goto("/login");
    // Strip the email field's label: a form control without an accessible name (axe "label", critical).
    await page.evaluate(() => {
      const input = document.querySelector("input[type=email]")!;
      document.querySelector(`label[for="${input.id}"]`)?.remove();
      input.removeAttribute("aria-labelledby");
      input.removeAttribute("aria-label");
    });
    await axeAudits.check();
    expect(axeAudits.audited.length).toBeGreaterThan(0);
  });

  test("[HARNESS] a page that never gets a <title> fails the test", async ({ page, axeAudits }) => {
    test.fail();
    // The audit waits out a <title> swapped during a navigation; a page that has none is reported.
    await page.route("**/harness-without-title", (route) =>
      route.fulfill({
        contentType: "text/html",
        body: '<!doctype html><html lang="de"><body><main><h1>Ohne Titel</h1></main></body></html>',
      }),
    );
    await page.goto("/harness-without-title");
    await axeAudits.check();
    expect(axeAudits.audited.length).toBeGreaterThan(0);
  });

  test("[HARNESS] an unexpected console error fails the test", async ({ page }) => {
    test.fail();
    await page.goto("/login");
    await page.evaluate(() => console.error("boom"));
  });
});
