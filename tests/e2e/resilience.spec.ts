/**
 * A save whose answer never reaches the browser (issue 16, docs/decisions/0072 and 0073): the
 * server did the write, the connection broke on the way back. The form says the service could not
 * be reached and keeps every value; saving again sends the same idempotency key, so the server
 * answers with the first outcome: the success shows and exactly one address (one bank account)
 * exists.
 */
import { expect, test } from "./fixtures";
import { createCustomer, e2eDb, signInAs } from "./support/users";

const UNAVAILABLE =
  "Der Dienst ist gerade nicht erreichbar. Ihre Eingaben bleiben erhalten — bitte versuchen Sie es gleich noch einmal.";

test("[CUSTOMER] saves an address whose answer was cut off, saves again, and it exists once", async ({
  page,
  context,
  axeAudits,
}) => {
  // The cut-off answer is a failed fetch in the browser's console, which the test causes itself.
  axeAudits.allowConsoleError(/ERR_FAILED|Failed to fetch|Failed to load resource/);
  const customer = await createCustomer();
  await signInAs(context, customer.id);
  await page.goto("/account/addresses/new");

  const posted: string[] = [];
  await page.route("**/account/addresses/new", async (route) => {
    const request = route.request();
    if (request.method() !== "POST") return route.continue();
    posted.push(request.postData() ?? "");
    if (posted.length > 1) return route.continue();
    // The first save reaches the server and is done there; its answer is then thrown away.
    await route.fetch({ maxRedirects: 0 });
    await route.abort("failed");
  });

  await page.getByLabel("Bezeichnung").fill("Zuhause");
  await page.getByLabel("Name des Empfängers").fill("Erika Mustermann");
  await page.getByRole("textbox", { name: /^Straße/ }).fill("Heidestraße");
  await page.getByRole("textbox", { name: /^Hausnummer/ }).fill("17");
  await page.getByLabel("Postleitzahl").fill("51147");
  await page.getByRole("textbox", { name: /^Ort/ }).fill("Köln");
  await page.getByRole("button", { name: "Adresse speichern" }).click();

  await expect(page.getByRole("alert").filter({ hasText: UNAVAILABLE })).toBeVisible();
  await expect(page).toHaveURL("/account/addresses/new");
  await expect(page.getByLabel("Bezeichnung")).toHaveValue("Zuhause");
  await expect(page.getByRole("textbox", { name: /^Straße/ })).toHaveValue("Heidestraße");
  await expect(page.getByLabel("Postleitzahl")).toHaveValue("51147");
  // The server did save it: the danger is a second one.
  expect(await e2eDb().address.count({ where: { userId: customer.id } })).toBe(1);

  await page.getByRole("button", { name: "Adresse speichern" }).click();
  await expect(page).toHaveURL("/account/addresses");
  await expect(page.getByText("Die Adresse ist gespeichert.")).toBeVisible();
  await expect(page.getByRole("article", { name: "Zuhause" })).toHaveCount(1);
  expect(await e2eDb().address.count({ where: { userId: customer.id } })).toBe(1);
  // Both saves carried the same submission (key and input), the second answered from the first.
  expect(posted).toHaveLength(2);
  expect(posted[1]).toBe(posted[0]);
  expect(posted[0]).toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}/);
});

test("[CUSTOMER] adds a bank account whose answer was cut off, saves again, and it exists once", async ({
  page,
  context,
  axeAudits,
}) => {
  axeAudits.allowConsoleError(/ERR_FAILED|Failed to fetch|Failed to load resource/);
  const customer = await createCustomer();
  await signInAs(context, customer.id);
  await page.goto("/account/payment");

  const posted: string[] = [];
  await page.route("**/account/payment", async (route) => {
    const request = route.request();
    if (request.method() !== "POST") return route.continue();
    posted.push(request.postData() ?? "");
    if (posted.length > 1) return route.continue();
    // The bank account is stored and its mail sent; the answer is then thrown away.
    await route.fetch({ maxRedirects: 0 });
    await route.abort("failed");
  });

  await page.getByLabel("Kontoinhaber").fill("Erika Mustermann");
  await page.getByLabel(/^IBAN/).fill("DE89 3704 0044 0532 0130 00");
  await page.getByRole("button", { name: "Bankverbindung speichern" }).click();

  await expect(page.getByRole("alert").filter({ hasText: UNAVAILABLE })).toBeVisible();
  await expect(page.getByLabel("Kontoinhaber")).toHaveValue("Erika Mustermann");
  await expect(page.getByLabel(/^IBAN/)).toHaveValue("DE89 3704 0044 0532 0130 00");
  expect(await e2eDb().bankAccount.count({ where: { userId: customer.id } })).toBe(1);

  // Without the key this second save would be refused: the IBAN is already on file.
  await page.getByRole("button", { name: "Bankverbindung speichern" }).click();
  await expect(page.getByText("Bankverbindung DE89 •••• •••• •••• •••• 00 gespeichert.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "DE89 •••• •••• •••• •••• 00" })).toHaveCount(1);
  expect(await e2eDb().bankAccount.count({ where: { userId: customer.id } })).toBe(1);
  expect(posted).toHaveLength(2);
  expect(posted[1]).toBe(posted[0]);
  expect(posted[0]).toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}/);
});
