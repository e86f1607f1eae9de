/**
 * The consent centre (/account/privacy), the admin's "publish a new version" and the re-consent
 * prompt, driven as people would, with the database checked for append-only records.
 */
import { expect, test } from "./fixtures";
import { registerAndSignIn } from "./support/register";
import { createCustomer, e2eDb, giveSecondFactor, signInAs, STAFF_SESSION } from "./support/users";
import { consentTextHash } from "../../lib/server/consent/text-hash";

async function recordsOf(userId: string, purposeKeys: string[]) {
  return e2eDb().consentRecord.findMany({
    where: { userId, purpose: { key: { in: purposeKeys } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { purpose: { select: { key: true } }, version: { select: { version: true } } },
  });
}

test("[CUSTOMER] grants marketing email and analytics, withdraws analytics and sees the history with versions", async ({
  page,
}) => {
  // Signed up through /register: ticking "I accept the terms … privacy notice" is the first record.
  const customer = await registerAndSignIn(page);
  const atSignUp = await e2eDb().consentRecord.findMany({ where: { userId: customer.id } });
  await page.goto("/account/privacy");
  await expect(page.getByRole("heading", { level: 1, name: "Datenschutz" })).toBeVisible();

  const email = page.getByRole("region", { name: "Newsletter per E-Mail", exact: true });
  const analytics = page.getByRole("region", { name: "Analyse", exact: true });
  await expect(email.getByText("Status: Nicht erteilt")).toBeVisible();
  await expect(analytics.getByText("Status: Nicht erteilt")).toBeVisible();
  // Contract purposes are shown read-only, and only those on record: the terms, not a SEPA mandate.
  const terms = page.getByRole("region", { name: "Nutzungsbedingungen und Datenschutzhinweise" });
  await expect(terms.getByText("Status: Erteilt")).toBeVisible();
  await expect(terms.getByRole("button", { name: /Zustimmen|Widerrufen/ })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "SEPA-Lastschriftmandat" })).toHaveCount(0);

  await email.getByRole("button", { name: "Zustimmen" }).click();
  await expect(page.getByText("Ihre Einwilligung „Newsletter per E-Mail“ ist erteilt.")).toBeVisible();
  await expect(email.getByText("Status: Erteilt")).toBeVisible();
  await expect(email.getByText(/^Ihre Zustimmung vom .+ gilt für diesen Text \(Version 1\):$/)).toBeVisible();
  await expect(
    email.getByText("Ich möchte Angebote und Neuigkeiten per E-Mail erhalten.", { exact: false }),
  ).toBeVisible();

  await analytics.getByRole("button", { name: "Zustimmen" }).click();
  await expect(analytics.getByText("Status: Erteilt")).toBeVisible();
  const granted = await recordsOf(customer.id, ["marketing_email", "analytics"]);
  expect(granted).toHaveLength(2);

  // Withdrawing is one action, like granting.
  await analytics.getByRole("button", { name: "Widerrufen" }).click();
  await expect(page.getByText("Sie haben die Einwilligung „Analyse“ widerrufen.")).toBeVisible();
  await expect(analytics.getByText("Status: Widerrufen")).toBeVisible();
  await expect(analytics.getByRole("button", { name: "Zustimmen" })).toBeVisible();
  await expect(email.getByText("Status: Erteilt")).toBeVisible();

  await analytics.getByText("Verlauf (2)").click();
  const history = analytics.getByRole("table", { name: "Verlauf: Analyse" });
  const rows = history.getByRole("row");
  await expect(rows).toHaveCount(3); // header, withdrawal, grant (newest first)
  await expect(rows.nth(1)).toContainText("Widerrufen");
  await expect(rows.nth(2)).toContainText("Erteilt");
  for (const row of [rows.nth(1), rows.nth(2)]) {
    await expect(row).toContainText("Version 1");
    await expect(row).toContainText("Datenschutz-Einstellungen");
    await expect(row).toContainText("Deutsch");
  }

  // Four append-only records: the terms at sign-up, then grant, grant, withdraw in the centre.
  const records = await e2eDb().consentRecord.findMany({
    where: { userId: customer.id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { purpose: { select: { key: true } }, version: { select: { version: true } } },
  });
  expect(records.map((r) => [r.purpose.key, r.action, r.version.version, r.source, r.locale])).toEqual([
    ["terms", "GRANTED", 1, "REGISTRATION", "de"],
    ["marketing_email", "GRANTED", 1, "CONSENT_CENTRE", "de"],
    ["analytics", "GRANTED", 1, "CONSENT_CENTRE", "de"],
    ["analytics", "WITHDRAWN", 1, "CONSENT_CENTRE", "de"],
  ]);
  // Append-only: the earlier records are still there, unchanged (same ids, times, content).
  expect(atSignUp).toHaveLength(1);
  expect(records[0]).toMatchObject(atSignUp[0]!);
  expect(records.slice(1, 3)).toEqual(granted);
  const analyticsText = await e2eDb().consentPurposeText.findFirstOrThrow({
    where: { locale: "de", version: { version: 1, purpose: { key: "analytics" } } },
  });
  expect(records[3]?.textHash).toBe(analyticsText.textHash);
});

test("[ADMIN] publishes a material new version; the customer is asked again at the next visit and declining leaves the consent withdrawn", async ({
  page,
  context,
}) => {
  const db = e2eDb();
  // A purpose of this test's own, so that suspending its grants cannot touch any other spec's
  // customers or texts (the E2E database is shared by all specs of a run).
  const key = `e2e_surveys_${Date.now().toString(36)}`;
  const v1 = { title: "Kundenumfragen", body: "Sie dürfen mich gelegentlich zu kurzen Umfragen einladen." };
  const v1en = { title: "Customer surveys", body: "You may occasionally invite me to short surveys." };
  await db.consentPurpose.create({
    data: {
      key,
      legalBasis: "CONSENT",
      sortOrder: 100,
      versions: {
        create: {
          version: 1,
          publishedAt: new Date(),
          texts: {
            create: [
              { locale: "de", ...v1, textHash: consentTextHash(v1.title, v1.body) },
              { locale: "en", ...v1en, textHash: consentTextHash(v1en.title, v1en.body) },
            ],
          },
        },
      },
    },
  });

  // The customer agrees to version 1 in the consent centre.
  const customer = await createCustomer();
  await signInAs(context, customer.id);
  await page.goto("/account/privacy");
  const surveys = page.getByRole("region", { name: "Kundenumfragen", exact: true });
  await surveys.getByRole("button", { name: "Zustimmen" }).click();
  await expect(surveys.getByText("Status: Erteilt")).toBeVisible();

  // An admin with a second factor, signed in with it (requirePermission demands both).
  const admin = await createCustomer();
  await db.userRole.create({ data: { userId: admin.id, role: "ADMIN" } });
  await giveSecondFactor(admin.id);
  await context.clearCookies();
  await signInAs(context, admin.id, STAFF_SESSION);
  await page.goto("/admin");
  await page.getByRole("link", { name: "Einwilligungszwecke" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Einwilligungszwecke" })).toBeVisible();
  const row = page.getByRole("row", { name: /Kundenumfragen/ });
  await expect(row).toContainText("Version 1");
  await row.getByRole("link", { name: "Neue Version veröffentlichen: Kundenumfragen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Neue Version: Kundenumfragen" })).toBeVisible();
  await expect(page.getByLabel("Titel (Deutsch)")).toHaveValue("Kundenumfragen");

  const newBody = "Sie dürfen mich zu Umfragen einladen und meine Antworten mit meinem Konto verknüpfen.";
  await page.getByLabel("Text (Deutsch)").fill(newBody);
  await page
    .getByLabel("Text (Englisch)")
    .fill("You may invite me to surveys and link my answers to my account.");
  await page.getByLabel("Änderungsnotiz (intern)").fill("Antworten werden jetzt dem Konto zugeordnet.");
  // Publishing is explicit: without deciding "material or not" nothing is published or lost.
  await page.getByRole("button", { name: "Version 2 veröffentlichen" }).click();
  await expect(page.getByText("Bitte wählen Sie, ob die Änderung wesentlich ist.")).toBeVisible();
  await expect(page.getByLabel("Text (Deutsch)")).toHaveValue(newBody);
  expect(await db.consentPurposeVersion.count({ where: { purpose: { key } } })).toBe(1);

  await page.getByRole("radio", { name: /^Wesentliche Änderung/ }).check();
  await page.getByRole("button", { name: "Version 2 veröffentlichen" }).click();
  await expect(page).toHaveURL(`/admin/consent?published=${key}&version=2`);
  await expect(page.getByText("Version 2 von „Kundenumfragen“ ist veröffentlicht.")).toBeVisible();
  await expect(page.getByRole("row", { name: /Kundenumfragen/ })).toContainText("Version 2");
  const v2 = await db.consentPurposeVersion.findFirstOrThrow({ where: { purpose: { key }, version: 2 } });
  expect(v2).toMatchObject({ isMaterial: true, publishedById: admin.id });
  expect(
    await db.auditEvent.count({
      where: { type: "consent.version_published", targetId: v2.id, actorId: admin.id },
    }),
  ).toBe(1);

  // The customer's next visit to any account page asks again, with the new text.
  await context.clearCookies();
  await signInAs(context, customer.id);
  await page.goto("/account");
  const prompt = page.getByRole("region", { name: "Bitte entscheiden Sie erneut: Kundenumfragen" });
  await expect(prompt).toBeVisible();
  await expect(prompt.getByText(newBody)).toBeVisible();
  await prompt.getByRole("button", { name: "Ablehnen" }).click();
  await expect(
    page.getByText("Sie haben abgelehnt; die Einwilligung „Kundenumfragen“ ist widerrufen."),
  ).toBeVisible();
  await expect(prompt).toHaveCount(0);

  const records = await recordsOf(customer.id, [key]);
  expect(records.map((r) => [r.action, r.version.version, r.source])).toEqual([
    ["GRANTED", 1, "CONSENT_CENTRE"],
    ["WITHDRAWN", 2, "RECONSENT_PROMPT"],
  ]);

  // It stays withdrawn, and the prompt does not come back.
  await page.goto("/account/privacy");
  await expect(
    page.getByRole("region", { name: "Kundenumfragen", exact: true }).getByText("Status: Widerrufen"),
  ).toBeVisible();
  await expect(page.getByRole("region", { name: /^Bitte entscheiden Sie erneut/ })).toHaveCount(0);
});
