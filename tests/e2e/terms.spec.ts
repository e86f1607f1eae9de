/**
 * The terms of use (issue 15 item 2, docs/decisions/0053): the sign-up checkbox links the terms and
 * the privacy notice; /terms shows the current published version of `terms` with its date, the
 * sentence the checkbox records and every version; a version that is not published is no page.
 */
import { expect, test } from "./fixtures";

test("[VISITOR] finds the terms of use linked from the sign-up checkbox and reads the current version", async ({
  page,
}) => {
  await page.goto("/register");
  const main = page.getByRole("main");
  // Both texts open in a new tab, so nothing typed into the form is lost.
  for (const [name, href] of [
    ["Nutzungsbedingungen (öffnet in neuem Tab)", "/terms"],
    ["Datenschutzhinweise (öffnet in neuem Tab)", "/privacy"],
  ] as const) {
    await expect(main.getByRole("link", { name })).toHaveAttribute("href", href);
    await expect(main.getByRole("link", { name })).toHaveAttribute("target", "_blank");
  }

  await page.goto("/terms");
  await expect(page.getByRole("heading", { level: 1, name: "Nutzungsbedingungen" })).toBeVisible();
  await expect(page.getByText(/^Fassung 1 vom \d{1,2}\. \p{L}+ \d{4}$/u)).toBeVisible();
  await expect(page.getByText("Dies ist die aktuelle Fassung.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "3. Zugangsdaten und Sicherheit" })).toBeVisible();
  // The document says what the checkbox records, word for word.
  await expect(
    page.getByText(
      "Bei der Registrierung bestätigen Sie mit einem Häkchen: „Ich akzeptiere die Nutzungsbedingungen und habe die Datenschutzhinweise gelesen.“",
    ),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Datenschutzhinweisen" })).toHaveAttribute("href", "/privacy");
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
