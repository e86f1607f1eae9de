/**
 * Service notices about an order on a phone (390×844; issue 14 Done-when 2, docs/decisions/0067):
 * the customer turns push on, the shop posts the order and the carrier's events through the real
 * API, and the "unterwegs" and "zugestellt" notices arrive as push (local push service, VAPID and
 * encryption checked) and as mail (SMTP sink); after switching the e-mail notices off, the next
 * notice comes by push only.
 */
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "../e2e/fixtures";
import { startPushService, type PushService } from "../e2e/servers/push-service";
import { listMail, waitForMail } from "../e2e/support/mailbox";
import { createTestApiKey } from "../e2e/support/marketing";
import { deliverToServiceWorker, STUB_KEY, stubPushManager } from "../e2e/support/push-browser";
import { createCustomer, E2E_BASE_URL, signInAs } from "../e2e/support/users";
import { expectNoHorizontalOverflow } from "./no-overflow";

let push: PushService;
test.beforeAll(async () => {
  push = await startPushService();
});
test.afterAll(async () => {
  await push.close();
});

/** The shop's side through the real API with an orders:write key. */
function shop(request: APIRequestContext, key: string, customerId: string) {
  const headers = { Authorization: `Bearer ${key}` };
  const number = `SO-E2E-${Date.now()}`;
  return {
    number,
    async order(): Promise<string> {
      const address = {
        name: "Erika Mustermann",
        street: "Hauptstraße 1",
        postalCode: "10115",
        city: "Berlin",
        country: "DE",
      };
      const response = await request.put(`/api/v1/orders/${number}`, {
        headers,
        data: {
          customer: { id: customerId },
          status: "ORDERED",
          placedAt: new Date().toISOString(),
          currency: "EUR",
          items: [{ sku: "TSH-42", name: "T-Shirt", quantity: 1, unitPriceMinor: 1999, totalMinor: 1999 }],
          totals: { subtotalMinor: 1999, shippingMinor: 495, taxMinor: 399, totalMinor: 2494 },
          payment: { method: "card", last4: "4242" },
          billingAddress: address,
          shippingAddress: address,
        },
      });
      expect(response.status()).toBe(201);
      return ((await response.json()) as { id: string }).id;
    },
    async parcel(): Promise<string> {
      const response = await request.post(`/api/v1/orders/${number}/shipments`, {
        headers,
        data: { carrier: "DHL", trackingNumber: `JJD${Date.now()}` },
      });
      expect(response.status()).toBe(201);
      return ((await response.json()) as { id: string }).id;
    },
    async event(shipmentId: string, code: string, eventAt: Date) {
      const response = await request.post(`/api/v1/shipments/${shipmentId}/events`, {
        headers,
        data: { code, eventAt: eventAt.toISOString(), place: "Berlin" },
      });
      expect(response.status()).toBe(201);
    },
  };
}

test('[CUSTOMER] on a phone gets the order\'s "unterwegs" and "zugestellt" notices by push and mail, and no mail once switched off', async ({
  page,
  context,
}) => {
  const user = await createCustomer();
  await signInAs(context, user.id);
  await context.grantPermissions(["notifications"], { origin: E2E_BASE_URL });
  const subscription = push.createSubscription();
  await stubPushManager(page, subscription);

  await page.goto("/account/communication");
  const notices = page.getByRole("group", { name: "Bestellhinweise erhalten" });
  await expect(notices.getByRole("checkbox", { name: "Bestellhinweise per E-Mail" })).toBeChecked();
  await expect(notices.getByRole("checkbox", { name: "Bestellhinweise per Push" })).toBeChecked();
  const card = page.locator("#push");
  await card.getByRole("button", { name: "Push auf diesem Gerät aktivieren" }).click();
  await expect(card.getByRole("status")).toHaveText("Push ist auf diesem Gerät aktiviert.");
  push.bindServerKey(
    subscription.id,
    (await page.evaluate((k) => localStorage.getItem(k), STUB_KEY)) as string,
  );
  await expectNoHorizontalOverflow(page);

  const theShop = shop(page.request, await createTestApiKey(["orders:write"]), user.id);
  const orderId = await theShop.order();
  const parcel = await theShop.parcel();
  const since = new Date();
  const pushes = () =>
    push
      .received(subscription.id)
      .map((m) => JSON.parse(m.plaintext) as { title: string; body: string; url: string });

  await theShop.event(parcel, "pre-transit", new Date(Date.now() - 60_000));
  await expect.poll(() => pushes().map((p) => p.title)).toEqual(["Ihre Bestellung ist unterwegs"]);
  expect(pushes()[0]?.url).toBe(`/account/orders/${orderId}`);
  const shipped = await waitForMail({ to: user.email, subject: /ist unterwegs$/, since });
  expect(shipped.text).toContain(`${E2E_BASE_URL}/account/orders/${orderId}`);

  await theShop.event(parcel, "delivered", new Date());
  await expect
    .poll(() => pushes().map((p) => p.title))
    .toEqual(["Ihre Bestellung ist unterwegs", "Ihre Bestellung wurde zugestellt"]);
  await waitForMail({
    to: user.email,
    subject: new RegExp(`^Ihre Bestellung ${theShop.number} wurde zugestellt$`),
    since,
  });
  expect(push.rejected()).toEqual([]);

  // The delivered notice, handed to the real /sw.js, shows and opens the order.
  await deliverToServiceWorker(page, push.received(subscription.id)[1]!.plaintext);
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const shown = await (await navigator.serviceWorker.ready).getNotifications();
        return shown.map((n) => ({ title: n.title, data: n.data as unknown }));
      }),
    )
    .toContainEqual({
      title: "Ihre Bestellung wurde zugestellt",
      data: { url: `${E2E_BASE_URL}/account/orders/${orderId}` },
    });

  // E-mail notices off: the next notice (a delivery problem) comes by push only.
  await notices.getByRole("checkbox", { name: "Bestellhinweise per E-Mail" }).uncheck();
  await page.getByRole("button", { name: "Bestellhinweise speichern" }).click();
  await expect(page.getByText("Ihre Einstellung für Bestellhinweise ist gespeichert.")).toBeVisible();
  await theShop.event(parcel, "failure", new Date(Date.now() + 60_000));
  await expect.poll(() => pushes().length).toBe(3);
  expect(pushes()[2]?.title).toBe("Problem bei der Zustellung");
  // Mail and push leave together; give the mail the time the others took before counting.
  await page.waitForTimeout(2000);
  const mails = (await listMail(user.email)).filter((m) => m.date >= since);
  expect(mails.map((m) => m.subject)).toEqual([
    `Ihre Bestellung ${theShop.number} ist unterwegs`,
    `Ihre Bestellung ${theShop.number} wurde zugestellt`,
  ]);
});
