/**
 * The marketing console (docs/decisions/0045): a marketer sees the consent figures with the chart
 * and an audience of exactly the consenting customers; when one of them withdraws in the consent
 * centre, the next request of the console, the CSV export and the API no longer holds them.
 */
import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import {
  createTestApiKey,
  createTestPurpose,
  recordTestConsent,
  type TestPurpose,
} from "./support/marketing";
import { createCustomer, e2eDb, giveSecondFactor, signInAs, STAFF_SESSION } from "./support/users";

let purpose: TestPurpose;
test.beforeEach(async () => {
  purpose = await createTestPurpose();
});
test.afterEach(async () => {
  await purpose.remove();
});

async function signInMarketer(context: Parameters<typeof signInAs>[0]) {
  const marketer = await createCustomer();
  await e2eDb().userRole.create({ data: { userId: marketer.id, role: "MARKETING" } });
  await giveSecondFactor(marketer.id);
  await signInAs(context, marketer.id, STAFF_SESSION);
}

async function showAudience(page: Page) {
  await page.goto("/marketing");
  await page.getByRole("combobox", { name: "Zweck", exact: true }).selectOption({ label: purpose.title });
  await page.getByRole("button", { name: "Zielgruppe anzeigen" }).click();
  await expect(page).toHaveURL(new RegExp(`purpose=${purpose.key}`));
}

const audienceTable = (page: Page) =>
  page.getByRole("table", { name: "Zielgruppe mit E-Mail-Adresse, Vorname, Sprache und Themen" });

async function csvEmails(page: Page): Promise<string> {
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Als CSV exportieren" }).click();
  return readFile(await (await download).path(), "utf8");
}

async function apiIds(page: Page, key: string): Promise<string[]> {
  const answer = await page.request.get(`/api/v1/audiences/${purpose.key}`, {
    headers: { Authorization: `Bearer ${key}` },
  });
  expect(answer.status()).toBe(200);
  return ((await answer.json()) as { data: { id: string }[] }).data.map((m) => m.id);
}

test("[MARKETING] sees the chart and exactly the consenting customers; a withdrawal leaves console, CSV and API at once", async ({
  page,
  context,
  browser,
}) => {
  const [anna, ben, cem, dora] = await Promise.all([1, 2, 3, 4].map(() => createCustomer()));
  await recordTestConsent(purpose, anna!.id, "GRANTED");
  await recordTestConsent(purpose, ben!.id, "GRANTED");
  await recordTestConsent(purpose, dora!.id, "GRANTED");
  await recordTestConsent(purpose, dora!.id, "WITHDRAWN"); // cem never consented
  const key = await createTestApiKey(["audiences:read"]);

  await signInMarketer(context);
  await showAudience(page);
  await expect(
    page.getByRole("heading", { name: `Zustimmungen und Widerrufe je Woche: ${purpose.title}` }),
  ).toBeVisible();
  await expect(
    page.getByRole("img", {
      name: `Balkendiagramm der Zustimmungen und Widerrufe je Woche für ${purpose.title}`,
      exact: false,
    }),
  ).toBeVisible();
  await expect(page.locator("svg.recharts-surface").last()).toBeVisible();
  await expect(
    page.getByRole("table", { name: /Einwilligungsquote|Kundinnen und Kunden mit aktueller Einwilligung/ }),
  ).toBeVisible();
  await expect(page.getByText("2 Kundinnen und Kunden in dieser Zielgruppe")).toBeVisible();
  const rows = audienceTable(page).getByRole("rowheader");
  const byId = [anna!, ben!].sort((x, y) => (x.id < y.id ? -1 : 1));
  await expect(rows).toHaveText(byId.map((c) => c.email));
  for (const absent of [cem!, dora!]) await expect(audienceTable(page)).not.toContainText(absent.email);

  const csv = await csvEmails(page);
  expect(csv).toContain(anna!.email);
  expect(csv).toContain(ben!.email);
  expect(csv).not.toContain(cem!.email);
  expect(csv).not.toContain(dora!.email);
  expect((await apiIds(page, key)).sort()).toEqual([anna!.id, ben!.id].sort());

  // Anna withdraws in her consent centre, in her own browser.
  const annaContext = await browser.newContext();
  await signInAs(annaContext, anna!.id);
  const annaPage = await annaContext.newPage();
  await annaPage.goto("/account/privacy");
  await annaPage
    .getByRole("region", { name: purpose.title, exact: true })
    .getByRole("button", { name: "Widerrufen" })
    .click();
  await expect(annaPage.getByText(`Sie haben die Einwilligung „${purpose.title}“ widerrufen.`)).toBeVisible();
  await annaContext.close();

  await page.reload();
  await expect(page.getByText("1 Kundin oder Kunde in dieser Zielgruppe")).toBeVisible();
  await expect(audienceTable(page).getByRole("rowheader")).toHaveText([ben!.email]);
  const after = await csvEmails(page);
  expect(after).not.toContain(anna!.email);
  expect(after).toContain(ben!.email);
  expect(await apiIds(page, key)).toEqual([ben!.id]);
  const exported = await e2eDb().auditEvent.findMany({
    where: { type: "audience.exported", targetId: purpose.key },
    orderBy: { sequence: "asc" },
  });
  expect(exported.map((e) => (e.metadata as { rows: number }).rows)).toEqual([2, 1]);
});

test("[MARKETING] on a 390 px phone the console fits the screen and the audience is readable", async ({
  page,
  context,
}) => {
  const [anna] = await Promise.all([createCustomer()]);
  await recordTestConsent(purpose, anna!.id, "GRANTED");
  await signInMarketer(context);
  await page.setViewportSize({ width: 390, height: 844 });
  await showAudience(page);
  await expect(audienceTable(page)).toContainText(anna!.email);
  await expect(page.getByRole("link", { name: "Als CSV exportieren" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
