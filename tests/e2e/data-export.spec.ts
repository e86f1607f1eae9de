/**
 * Data export (docs/decisions/0016): after the step-up the customer downloads a JSON file whose
 * content matches what the test stored (addresses, consents with history, sign-ins, a return); a
 * used or an expired download link is refused.
 */
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, test } from "./fixtures";
import { createCustomer, e2eDb, signInAs } from "./support/users";

const STEP_UP_DIALOG = "Bestätigen Sie, dass Sie es sind";
const LINK_REFUSED = "Dieser Download-Link ist abgelaufen oder wurde bereits verwendet.";

/** Rows the export must contain, created directly in the database. */
async function storeCustomerData(userId: string, email: string) {
  const db = e2eDb();
  const run = randomUUID().slice(0, 8);
  await db.address.createMany({
    data: [
      {
        userId,
        recipientName: "Erika Export",
        street: `Datenweg ${run}`,
        houseNumber: "7",
        postalCode: "10115",
        city: "Berlin",
        country: "DE",
      },
      {
        userId,
        type: "PACKSTATION",
        recipientName: "Erika Export",
        packstationNumber: "128",
        postNumber: "87654321",
        postalCode: "20095",
        city: "Hamburg",
        country: "DE",
      },
    ],
  });
  const purpose = await db.consentPurpose.create({
    data: {
      key: `e2e_export_${run}`,
      legalBasis: "CONSENT",
      versions: { create: { version: 1, publishedAt: new Date() } },
    },
    include: { versions: true },
  });
  const version = purpose.versions[0]!;
  const common = {
    userId,
    purposeId: purpose.id,
    versionId: version.id,
    locale: "de",
    textHash: "d".repeat(64),
  };
  await db.consentRecord.create({
    data: {
      ...common,
      action: "GRANTED",
      source: "CONSENT_CENTRE",
      createdAt: new Date(Date.now() - 120_000),
    },
  });
  const last = await db.consentRecord.create({
    data: { ...common, action: "WITHDRAWN", source: "CONSENT_CENTRE" },
  });
  await db.consentState.create({
    data: {
      userId,
      purposeId: purpose.id,
      versionId: version.id,
      lastAction: "WITHDRAWN",
      lastRecordId: last.id,
    },
  });
  await db.signInAttempt.createMany({
    data: [
      {
        userId,
        emailNormalized: email,
        method: "PASSWORD",
        result: "SUCCEEDED",
        ip: "198.51.100.41",
        city: "Leipzig",
        createdAt: new Date(Date.now() - 60_000),
      },
      {
        userId,
        emailNormalized: email,
        method: "PASSWORD",
        result: "INVALID_CREDENTIALS",
        ip: "198.51.100.42",
      },
    ],
  });
  // An order with a return of one of its items (decision 0062), as the shop and the customer left it.
  const address = {
    name: "Erika Export",
    street: "Datenweg 7",
    postalCode: "10115",
    city: "Berlin",
    country: "DE",
  };
  const order = await db.order.create({
    data: {
      shopOrderId: `SO-EXPORT-${run}`,
      userId,
      status: "DELIVERED",
      shopStatus: "ORDERED",
      currency: "EUR",
      subtotalMinor: 3998,
      shippingMinor: 0,
      taxMinor: 638,
      totalMinor: 3998,
      paymentMethod: "invoice",
      billingAddress: address,
      shippingAddress: address,
      placedAt: new Date(Date.now() - 86_400_000),
      items: {
        create: {
          position: 0,
          sku: "TSH-42",
          name: "T-Shirt",
          quantity: 2,
          unitPriceMinor: 1999,
          totalMinor: 3998,
        },
      },
    },
    include: { items: true },
  });
  await db.returnRequest.create({
    data: {
      orderId: order.id,
      userId,
      reason: "DAMAGED",
      comment: `Naht offen ${run}`,
      items: { create: { orderItemId: order.items[0]!.id, quantity: 1 } },
    },
  });
  return { run, purposeKey: purpose.key, shopOrderId: order.shopOrderId };
}

test("[CUSTOMER] downloads their data after the step-up; a used or expired link is refused", async ({
  page,
  context,
}) => {
  const customer = await createCustomer();
  const stored = await storeCustomerData(customer.id, customer.email);
  const sessionId = await signInAs(context, customer.id);
  // Authenticated an hour ago: the export asks to confirm first.
  await e2eDb().session.update({
    where: { id: sessionId },
    data: { authenticatedAt: new Date(Date.now() - 3_600_000) },
  });

  await page.goto("/account/privacy");
  await page.getByRole("button", { name: "Datenkopie erstellen" }).click();
  const dialog = page.getByRole("dialog", { name: STEP_UP_DIALOG });
  await dialog.getByLabel(/^Passwort/).fill(customer.password);
  await dialog.getByRole("button", { name: "Bestätigen" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Ihre Datenkopie ist bereit")).toBeVisible();

  const jsonLink = page.getByRole("link", { name: "JSON-Datei herunterladen" });
  const htmlLink = page.getByRole("link", { name: "Zusammenfassung (HTML) herunterladen" });
  const jsonHref = (await jsonLink.getAttribute("href")) ?? "";
  const htmlHref = (await htmlLink.getAttribute("href")) ?? "";
  expect(jsonHref).toMatch(/^\/api\/account\/export\?token=/);
  expect(htmlHref).not.toBe(jsonHref);

  const [download] = await Promise.all([page.waitForEvent("download"), jsonLink.click()]);
  expect(download.suggestedFilename()).toMatch(/^kundenportal-daten-\d{4}-\d{2}-\d{2}\.json$/);
  const data = JSON.parse(await readFile(await download.path(), "utf8"));
  expect(data.account).toMatchObject({ id: customer.id, email: customer.email });
  expect(data.addresses).toHaveLength(2);
  expect(data.addresses).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ street: `Datenweg ${stored.run}`, houseNumber: "7", city: "Berlin" }),
      expect.objectContaining({ type: "PACKSTATION", packstationNumber: "128", city: "Hamburg" }),
    ]),
  );
  expect(data.consents.history).toEqual([
    expect.objectContaining({ purpose: stored.purposeKey, action: "GRANTED", version: 1 }),
    expect.objectContaining({ purpose: stored.purposeKey, action: "WITHDRAWN", version: 1 }),
  ]);
  expect(data.consents.current).toEqual([
    expect.objectContaining({ purpose: stored.purposeKey, state: "WITHDRAWN" }),
  ]);
  expect(data.signInHistory).toEqual([
    expect.objectContaining({ result: "SUCCEEDED", ip: "198.51.100.41", city: "Leipzig" }),
    expect.objectContaining({ result: "INVALID_CREDENTIALS", ip: "198.51.100.42" }),
  ]);
  expect(data.auditEvents.map((e: { type: string }) => e.type)).toEqual(
    expect.arrayContaining(["auth.step_up_succeeded", "privacy.export_requested"]),
  );
  expect(data.returns).toEqual([
    expect.objectContaining({
      shopOrderId: stored.shopOrderId,
      reason: "DAMAGED",
      comment: `Naht offen ${stored.run}`,
      items: [{ sku: "TSH-42", name: "T-Shirt", quantity: 1 }],
    }),
  ]);
  expect(JSON.stringify(data)).not.toContain("argon2");

  // The same link again: refused, back on the privacy page with a notice.
  await page.goto(jsonHref);
  await expect(page).toHaveURL("/account/privacy"); // told by the toaster (decision 0054)
  await expect(page.getByText(LINK_REFUSED)).toBeVisible();

  // The HTML link, once expired, is refused as well.
  await e2eDb().verificationToken.updateMany({
    where: { userId: customer.id, purpose: "DATA_EXPORT_DOWNLOAD", consumedAt: null },
    data: { expiresAt: new Date(Date.now() - 1_000) },
  });
  const refused = await page.request.get(htmlHref, { maxRedirects: 0 });
  expect(refused.status()).toBe(303);
  expect(refused.headers()["location"]).toMatch(/\/account\/privacy\?export=link-invalid$/);
  expect(refused.headers()["content-disposition"]).toBeUndefined();

  const downloads = await e2eDb().auditEvent.count({
    where: { subjectUserId: customer.id, type: "privacy.export_downloaded" },
  });
  expect(downloads).toBe(1);
});

test("[CUSTOMER] gets the HTML summary through its own single-use link", async ({ page, context }) => {
  const customer = await createCustomer();
  const stored = await storeCustomerData(customer.id, customer.email);
  await signInAs(context, customer.id);

  await page.goto("/account/privacy");
  await page.getByRole("button", { name: "Datenkopie erstellen" }).click();
  const htmlLink = page.getByRole("link", { name: "Zusammenfassung (HTML) herunterladen" });
  const [download] = await Promise.all([page.waitForEvent("download"), htmlLink.click()]);
  expect(download.suggestedFilename()).toMatch(/\.html$/);
  const html = await readFile(await download.path(), "utf8");
  expect(html).toContain("<h1>Ihre Daten beim Kundenportal</h1>");
  expect(html).toContain("<h2>Adressen</h2>");
  expect(html).toContain(`Datenweg ${stored.run}`);
  expect(html).toContain("<h2>Anmeldeverlauf</h2>");
  expect(html).toContain("198.51.100.41");
  expect(html).toContain("<h2>Rücksendungen</h2>");
  expect(html).toContain(`Naht offen ${stored.run}`);
  expect(html).not.toContain("<script");
});
