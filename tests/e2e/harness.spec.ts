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

  test("[HARNESS] a card with two primary buttons fails the test", async ({ page, axeAudits }) => {
    test.fail();
    await page.goto("/login");
    await page.evaluate(() => {
      const card = document.createElement("div");
      card.dataset.card = "";
      card.innerHTML =
        '<h2>Zwei Wege</h2><button data-variant="primary">Speichern</button><button data-variant="primary">Senden</button>';
      document.querySelector("main")!.append(card);
    });
    await axeAudits.check();
    expect(axeAudits.audited.length).toBeGreaterThan(0);
  });

  test("[HARNESS] a colour contrast that stays too low fails the test, re-audit or not", async ({
    page,
    axeAudits,
  }) => {
    test.fail();
    // The fixture audits colour contrast again once animations have finished (a fade caught
    // mid-way); a contrast that is too low for good must still be reported after that.
    await page.goto("/login");
    await page.evaluate(() => {
      const note = document.createElement("p");
      note.textContent = "Kaum lesbar";
      note.style.color = "#bbbbbb";
      note.style.backgroundColor = "#ffffff";
      document.querySelector("main")!.append(note);
    });
    await axeAudits.check();
    expect(axeAudits.audited.length).toBeGreaterThan(0);
  });

  test("[HARNESS] an unexpected console error fails the test", async ({ page }) => {
    test.fail();
    await page.goto("/login");
    await page.evaluate(() => console.error("boom"));
  });
});

test("[HARNESS] the buttons and cards carry the marks the one-primary-per-card rule reads", async ({
  page,
}) => {
  await page.goto("/login");
  await expect(page.getByRole("main").locator('[data-variant="primary"]').first()).toBeVisible();
  await expect(page.locator("[data-card]").first()).toBeVisible();
  await expect(page.locator("[data-card]").first().locator('[data-variant="primary"]')).toHaveCount(1);
});
