/**
 * API keys (docs/decisions/0045): an admin creates a key with scopes and an expiry, sees it exactly
 * once, the key reads the API and its last use appears in the list; revoked, it is refused at once.
 */
import { expect, test } from "./fixtures";
import { createCustomer, e2eDb, giveSecondFactor, signInAs, STAFF_SESSION } from "./support/users";

async function createAdmin() {
  const admin = await createCustomer();
  await e2eDb().userRole.create({ data: { userId: admin.id, role: "ADMIN" } });
  await giveSecondFactor(admin.id);
  return admin;
}

test("[ADMIN] creates an API key shown once, sees its last use, and revokes it; the API then refuses it", async ({
  page,
  context,
}) => {
  const admin = await createAdmin();
  await signInAs(context, admin.id, STAFF_SESSION);
  const name = `Newsletter-Werkzeug ${Date.now()}`;

  await page.goto("/admin");
  await page.getByRole("link", { name: "API-Schlüssel" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API-Schlüssel" })).toBeVisible();

  // Without a permission the form keeps the name and says what is missing.
  await page.getByLabel("Bezeichnung").fill(name);
  await page.getByRole("button", { name: "Schlüssel erstellen" }).click();
  await expect(page.getByText("Bitte wählen Sie mindestens eine Berechtigung.")).toBeVisible();
  await expect(page.getByLabel("Bezeichnung")).toHaveValue(name);

  await page.getByLabel("Zielgruppen lesen (audiences:read)").check();
  await page.getByLabel(/^Gültigkeit/).selectOption({ label: "30 Tage" });
  await page.getByRole("button", { name: "Schlüssel erstellen" }).click();
  const shown = page.getByLabel("Neuer API-Schlüssel");
  await expect(shown).toHaveValue(/^kp_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
  const key = await shown.inputValue();
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name }) });
  await expect(row).toContainText("audiences:read");
  await expect(row).toContainText("Noch nie");
  await expect(row).toContainText("Aktiv");

  const stored = await e2eDb().apiKey.findFirstOrThrow({ where: { name } });
  expect(stored.keyHash).not.toContain(key.slice(12));
  expect(JSON.stringify(stored)).not.toContain(key);

  const answer = await page.request.get("/api/v1/audiences/marketing_push?limit=1", {
    headers: { Authorization: `Bearer ${key}` },
  });
  expect(answer.status()).toBe(200);
  expect(answer.headers()["ratelimit-remaining"]).toBe("119");

  // Shown once: after a reload the key is nowhere on the page, and the last use is.
  await page.reload();
  await expect(page.getByLabel("Neuer API-Schlüssel")).toHaveCount(0);
  expect(await page.content()).not.toContain(key);
  await expect(row).not.toContainText("Noch nie");

  await row.getByRole("button", { name: `Schlüssel „${name}“ widerrufen` }).click();
  await expect(row).toContainText("Widerrufen");
  await expect(row.getByRole("button")).toHaveCount(0);
  const refused = await page.request.get("/api/v1/audiences/marketing_push", {
    headers: { Authorization: `Bearer ${key}` },
  });
  expect(refused.status()).toBe(401);
  expect(refused.headers()["content-type"]).toBe("application/problem+json");
  expect(await refused.json()).toMatchObject({ code: "KEY_REVOKED" });
});

test("[ATTACKER] a signed-in marketing session is no API key: /api/v1 answers 401 problem+json", async ({
  page,
  context,
}) => {
  const marketer = await createCustomer();
  await e2eDb().userRole.create({ data: { userId: marketer.id, role: "MARKETING" } });
  await giveSecondFactor(marketer.id);
  await signInAs(context, marketer.id, STAFF_SESSION);
  const answer = await page.request.get("/api/v1/audiences/marketing_email");
  expect(answer.status()).toBe(401);
  expect(await answer.json()).toMatchObject({ code: "UNAUTHENTICATED", status: 401 });
});

test("[INTEGRATOR] reads the API reference, rendered from the same OpenAPI document the portal serves", async ({
  page,
}) => {
  await page.goto("/api/v1/docs");
  await expect(page.getByRole("heading", { level: 1, name: "API-Referenz" })).toBeVisible();
  const document = (await (await page.request.get("/api/v1/openapi.json")).json()) as {
    openapi: string;
    paths: Record<string, Record<string, unknown>>;
  };
  expect(document.openapi).toBe("3.1.0");
  for (const [path, item] of Object.entries(document.paths))
    for (const method of Object.keys(item).filter((m) => ["get", "put", "post"].includes(m)))
      await expect(
        page.getByRole("heading", { level: 3, name: `${method.toUpperCase()} ${path}`, exact: true }),
      ).toBeVisible();
  await expect(page.locator("#problem-key_revoked")).toContainText("401 KEY_REVOKED");
});
