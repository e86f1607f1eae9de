/**
 * The customer's orders on a phone (390×844; issue 14 Done-when 2, decision 0066): the shop sends
 * an order, its parcel's events (one late, out of order) and the invoice through the real API; the
 * customer follows the order from "Bestellt" to "Zugestellt" on the timeline and downloads the
 * invoice byte for byte, then sends a chair back (decision 0062): the return shows on the order and
 * the shop gets order.return_requested signed, with the item's sku and quantity — every page
 * within the width of the screen.
 */
import { readFile } from "node:fs/promises";
import { Webhook } from "standardwebhooks";
import { expect, test } from "../e2e/fixtures";
import { startShop } from "../e2e/support/approvals";
import { addShipment, invoicePdf, postEvent, putInvoice, putOrder } from "../e2e/support/shop";
import { createCustomer, e2eDb, signInAs } from "../e2e/support/users";
import { expectNoHorizontalOverflow } from "./no-overflow";

const HOUR = 60 * 60 * 1000;

test("[CUSTOMER] on a phone follows an order from ordered to delivered, downloads the invoice and returns a chair", async ({
  page,
  context,
  browser,
}) => {
  const shop = await startShop(browser, ["Rücksendung angemeldet (order.return_requested)"]);
  const key = shop.key;
  const user = await createCustomer();
  await signInAs(context, user.id);

  await page.goto("/account/orders");
  await expect(page.getByRole("heading", { name: "Noch keine Bestellungen" })).toBeVisible();
  await expectNoHorizontalOverflow(page);

  const order = await putOrder(page.request, key, user.id);
  await page.reload();
  const row = page.locator("tr").filter({ hasText: order.shopOrderId });
  await expect(row.getByText("Bestellt", { exact: true })).toBeVisible();
  await expect(row.getByText(/^950,00\s€$/)).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await row.getByRole("link", { name: `Bestellung ${order.shopOrderId} ansehen` }).click();
  await expect(page).toHaveURL(`/account/orders/${order.id}`);
  await expect(
    page.getByRole("heading", { level: 1, name: `Bestellung ${order.shopOrderId}` }),
  ).toBeVisible();
  await expect(page.getByText("2 × Bürostuhl ErgoPlus zu je 299,00 €")).toBeVisible();
  await expect(page.getByText("Karte, endet auf 4242")).toBeVisible();
  await expect(page.getByText("Ihre Bestellung ist noch nicht versandt.", { exact: false })).toBeVisible();
  await expectNoHorizontalOverflow(page);

  // The carrier's events: handed over, then "delivered" arrives before the earlier "in transit".
  const parcel = await addShipment(page.request, key, order.shopOrderId);
  const start = Date.now() - 5 * HOUR;
  await postEvent(page.request, key, parcel.id, {
    code: "pre-transit",
    eventAt: new Date(start),
    place: "Köln",
  });
  await postEvent(page.request, key, parcel.id, {
    code: "delivered",
    eventAt: new Date(start + 4 * HOUR),
    place: "Köln-Porz",
  });
  await postEvent(page.request, key, parcel.id, {
    code: "transit",
    eventAt: new Date(start + 2 * HOUR),
    place: "Paketzentrum Köln",
  });
  await page.reload();
  const section = page.getByRole("region", { name: "Paket 1: DHL" });
  await expect(section.getByText("Zugestellt", { exact: true }).first()).toBeVisible();
  const steps = section.getByRole("list", { name: "Verlauf von Paket 1" }).getByRole("listitem");
  await expect(steps).toHaveCount(3);
  await expect(steps.nth(0)).toContainText("Zugestellt");
  await expect(steps.nth(0)).toContainText("Köln-Porz");
  await expect(steps.nth(1)).toContainText("Unterwegs");
  await expect(steps.nth(2)).toContainText("Versandt");
  const track = section.getByRole("link", {
    name: `Sendung ${parcel.trackingNumber} bei DHL verfolgen (öffnet einen neuen Tab)`,
  });
  await expect(track).toHaveAttribute("rel", "noopener noreferrer");
  await expect(track).toHaveAttribute(
    "href",
    new RegExp(`^https://www\\.dhl\\.de/.*piececode=${parcel.trackingNumber}$`),
  );
  await expectNoHorizontalOverflow(page);

  const pdf = invoicePdf(`Rechnung ${order.shopOrderId}`);
  await putInvoice(page.request, key, order.shopOrderId, pdf);
  await page.reload();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Rechnung herunterladen" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`invoice-${order.shopOrderId}.pdf`);
  const saved = await readFile((await download.path())!);
  expect(saved.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  expect(saved.equals(pdf)).toBe(true);
  const response = await page.request.get(`/api/account/orders/${order.id}/documents/invoice`);
  expect(response.headers()).toMatchObject({
    "content-type": "application/pdf",
    "content-disposition": `attachment; filename="invoice-${order.shopOrderId}.pdf"`,
    "cache-control": "private, no-store",
    "x-content-type-options": "nosniff",
  });
  expect((await response.body()).equals(pdf)).toBe(true);
  await expect
    .poll(() =>
      e2eDb().auditEvent.count({ where: { type: "order.document_downloaded", subjectUserId: user.id } }),
    )
    .toBe(2);
  await expectNoHorizontalOverflow(page);

  // Delivered: the customer sends one of the two chairs back.
  try {
    await page.getByRole("button", { name: "Rücksendung anmelden" }).click();
    await page.getByLabel("Anzahl „Bürostuhl ErgoPlus“ (höchstens 2)").fill("1");
    await page.getByLabel(/^Grund/).selectOption({ label: "Beschädigt angekommen" });
    await page.getByLabel("Anmerkung (freiwillig)").fill("Die Armlehne ist gebrochen.");
    await expectNoHorizontalOverflow(page);
    await page.getByRole("button", { name: "Rücksendung absenden" }).click();
    await expect(page.getByText("Ihre Rücksendung ist angemeldet.", { exact: false })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Rücksendung angemeldet" })).toBeVisible();
    await expect(page.getByText("1 × Bürostuhl ErgoPlus", { exact: true })).toBeVisible();
    await expect(page.getByText(/Grund: Beschädigt angekommen/)).toBeVisible();
    await expectNoHorizontalOverflow(page);

    const stored = await e2eDb().returnRequest.findFirstOrThrow({ where: { orderId: order.id } });
    const mine = () =>
      shop.receiver.received.filter(
        (r) => (JSON.parse(r.body) as { data: { id: string } }).data.id === stored.id,
      );
    await expect.poll(() => mine().length, { timeout: 15_000 }).toBe(1);
    const hook = mine()[0]!;
    const event = new Webhook(shop.secret).verify(hook.body, hook.headers as Record<string, string>);
    expect(event).toMatchObject({
      type: "order.return_requested",
      data: {
        id: stored.id,
        customerId: user.id,
        shopOrderId: order.shopOrderId,
        items: [{ position: 0, sku: "CH-1", quantity: 1 }],
        reason: "DAMAGED",
        comment: "Die Armlehne ist gebrochen.",
      },
    });
  } finally {
    await shop.stop();
  }
});
