/**
 * The terms of use (issue 15 item 2, docs/decisions/0053): the sign-up checkbox links the terms and
 * the privacy notice; /terms shows the current published version of `terms` with its date, the
 * sentence the checkbox records and every version; a version that is not published is no page.
 */
import { expect, test } from "./fixtures";

test("[VISITOR] reads the terms of use from the sign-up checkbox without losing the form", async ({
  page,
}) => {
  await page.goto("/register");
  await page.getByLabel("E-Mail-Adresse").fill("neu@example.com");
  const main = page.getByRole("main");
  const terms = main.getByRole("link", { name: "Nutzungsbedingungen (öffnet in neuem Tab)" });
  await expect(main.getByRole("link", { name: "Datenschutzhinweise (öffnet in neuem Tab)" })).toHaveAttribute(
    "href",
    "/privacy",
  );

  const [tab] = await Promise.all([page.context().waitForEvent("page"), terms.click()]);
  await tab.waitForURL("/terms"); // a new tab: what was typed here stays
  await expect(tab.getByRole("heading", { level: 1, name: "Nutzungsbedingungen" })).toBeVisible();
  await expect(tab.getByText(/^Fassung 1 vom \d{1,2}\. \p{L}+ \d{4}$/u)).toBeVisible();
  await expect(tab.getByText("Dies ist die aktuelle Fassung.")).toBeVisible();
  await expect(tab.getByRole("heading", { name: "3. Zugangsdaten und Sicherheit" })).toBeVisible();
  // The document says what the checkbox records, word for word.
  await expect(
    tab.getByText(
      "Bei der Registrierung bestätigen Sie mit einem Häkchen: „Ich akzeptiere die Nutzungsbedingungen und habe die Datenschutzhinweise gelesen.“",
    ),
  ).toBeVisible();
  await expect(tab.getByRole("link", { name: "Datenschutzhinweisen" })).toHaveAttribute("href", "/privacy");
  await tab.close();

  // The form behind keeps what was typed.
  await expect(page.getByLabel("E-Mail-Adresse")).toHaveValue("neu@example.com");
});

test("[VISITOR] finds the terms in the footer and an earlier version by its number", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("contentinfo").getByRole("link", { name: "Nutzungsbedingungen" }).click();
  await expect(page).toHaveURL("/terms");
  await expect(page.getByRole("heading", { level: 2, name: "Alle Fassungen" })).toBeVisible();

  await page.goto("/terms?version=1");
  await expect(page.getByText("Dies ist die aktuelle Fassung.")).toBeVisible();
});

test("[VISITOR] reads the terms in English", async ({ page, axeAudits }) => {
  await page.goto("/terms");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "Terms of use" })).toBeVisible();
  await axeAudits.check();
  await expect(page.getByRole("heading", { name: "3. Sign-in details and security" })).toBeVisible();
});

test("[ATTACKER] cannot read an unpublished or made-up version of the terms", async ({ page, axeAudits }) => {
  axeAudits.allowConsoleError(/status of 404/);
  for (const version of ["2", "0", "abc", "1e3", "-1"]) {
    const response = await page.goto(`/terms?version=${version}`);
    expect(response!.status(), `version=${version}`).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Seite nicht gefunden" })).toBeVisible();
  }
});
