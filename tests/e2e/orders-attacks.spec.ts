/**
 * Attacks on the customer's orders (issue 14, decision 0066): another customer's order id in the
 * page and the document download reads exactly like an unknown one (404, nothing of the order in
 * the answer, no audit of a download); a stale session's cookie is sent to sign in; a forged
 * return for another customer's delivered order is refused with nothing stored and no webhook
 * (decision 0062).
 */
import { randomUUID } from "node:crypto";
import { expect, test } from "./fixtures";
import { createTestApiKey } from "./support/marketing";
import { startShop } from "./support/approvals";
import { callServerAction } from "./support/forged-action";
import { addShipment, invoicePdf, postEvent, putInvoice, putOrder } from "./support/shop";
import { createCustomer, e2eDb, signInAs } from "./support/users";

test("[ATTACKER] another customer's order and its invoice are not found, and nothing of them shows", async ({
  page,
  context,
  axeAudits,
}) => {
  axeAudits.allowConsoleError(/status of 404/);
  const key = await createTestApiKey(["orders:write"]);
  const victim = await createCustomer();
  const order = await putOrder(page.request, key, victim.id);
  await putInvoice(page.request, key, order.shopOrderId, invoicePdf(`Invoice ${order.shopOrderId}`));
  const attacker = await createCustomer();
  await signInAs(context, attacker.id);

  await page.goto("/account/orders");
  await expect(page.getByRole("heading", { name: "Noch keine Bestellungen" })).toBeVisible();
  await expect(page.getByText(order.shopOrderId)).toHaveCount(0);

  const detail = await page.goto(`/account/orders/${order.id}`);
  expect(detail?.status()).toBe(404);
  expect(await page.content()).not.toContain(order.shopOrderId);
  expect((await page.request.get(`/account/orders/${order.shopOrderId}`)).status()).toBe(404);

  for (const kind of ["invoice", "credit-note", "unknown"]) {
    const response = await page.request.get(`/api/account/orders/${order.id}/documents/${kind}`);
    expect(response.status()).toBe(404);
    expect(response.headers()["content-disposition"]).toBeUndefined();
    expect(await response.text()).not.toContain(order.shopOrderId);
  }
  expect(
    await e2eDb().auditEvent.count({
      where: { type: "order.document_downloaded", subjectUserId: victim.id },
    }),
  ).toBe(0);
  expect(
    await e2eDb().auditEvent.count({ where: { type: "order.document_downloaded", actorId: attacker.id } }),
  ).toBe(0);
});

test("[ATTACKER] a stale session (signed out elsewhere) gets no document, only the way to sign in", async ({
  page,
  context,
}) => {
  const key = await createTestApiKey(["orders:write"]);
  const owner = await createCustomer();
  const order = await putOrder(page.request, key, owner.id);
  await putInvoice(page.request, key, order.shopOrderId, invoicePdf(`Invoice ${order.shopOrderId}`));
  await signInAs(context, owner.id);
  expect((await page.request.get(`/api/account/orders/${order.id}/documents/invoice`)).status()).toBe(200);
  // Signed out on another device: the browser still holds the cookie of the revoked session.
  await e2eDb().session.updateMany({ where: { userId: owner.id }, data: { revokedAt: new Date() } });

  const response = await page.request.get(`/api/account/orders/${order.id}/documents/invoice`, {
    maxRedirects: 0,
  });
  expect(response.status()).toBe(303);
  expect(response.headers().location).toMatch(
    new RegExp(`/login\\?callbackUrl=${encodeURIComponent(`/account/orders/${order.id}`)}$`),
  );
  expect((await response.body()).byteLength).toBe(0);
});

test("[ATTACKER] a forged return for another customer's delivered order is refused: nothing stored, no webhook", async ({
  page,
  context,
  browser,
}) => {
  // The shop listens for returns, so a return that got through would be enqueued for it.
  const shop = await startShop(browser, ["Rücksendung angemeldet (order.return_requested)"]);
  const key = shop.key;
  const victim = await createCustomer();
  const order = await putOrder(page.request, key, victim.id);
  const parcel = await addShipment(page.request, key, order.shopOrderId);
  await postEvent(page.request, key, parcel.id, {
    code: "delivered",
    eventAt: new Date(Date.now() - 60_000),
  });
  const items = await e2eDb().orderItem.findMany({ where: { orderId: order.id } });
  const attacker = await createCustomer();
  await signInAs(context, attacker.id);

  const forged = await callServerAction(page.request, {
    pagePath: "/account/orders",
    filename: "lib/actions/returns.ts",
    exportedName: "requestReturnAction",
    args: [
      randomUUID(),
      {
        orderId: order.id,
        items: items.map((item) => ({ orderItemId: item.id, quantity: item.quantity })),
        reason: "OTHER",
        comment: "forged",
      },
    ],
  });
  expect(forged.body).toContain('"code":"NOT_FOUND"');
  expect(forged.body).not.toContain(order.shopOrderId);
  expect(await e2eDb().returnRequest.count({ where: { orderId: order.id } })).toBe(0);
  expect(
    await e2eDb().auditEvent.count({ where: { type: "order.return_requested", actorId: attacker.id } }),
  ).toBe(0);
  const endpoint = await e2eDb().webhookEndpoint.findFirstOrThrow({ where: { url: shop.receiver.url } });
  expect(await e2eDb().webhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(0);
  expect(shop.receiver.received).toHaveLength(0);
  await shop.stop();
});
