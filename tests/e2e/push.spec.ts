/**
 * Web Push in Chromium (docs/decisions/0014). No browser push service is reachable offline, so
 * an init script stands in for PushManager.subscribe/getSubscription only: it hands the page a
 * subscription on a local push service (tests/e2e/servers/push-service.ts) whose keys this test
 * generated. Everything else is the real code: /sw.js registration, the notification permission,
 * storing the subscription, the list, the test notification (aes128gcm-encrypted, VAPID-signed,
 * verified and decrypted by the local service) and removal.
 */
import type { BrowserContext } from "@playwright/test";
import { expect, test } from "./fixtures";
import { startPushService, type PushService } from "./servers/push-service";
import { deliverToServiceWorker, STUB_KEY, stubPushManager } from "./support/push-browser";
import { createCustomer, E2E_BASE_URL, e2eDb, signInAs } from "./support/users";

let push: PushService;
test.beforeAll(async () => {
  push = await startPushService();
});
test.afterAll(async () => {
  await push.close();
});

async function signedInCustomer(context: BrowserContext) {
  const user = await createCustomer({ displayName: "Erika Push" });
  await signInAs(context, user.id);
  await context.grantPermissions(["notifications"], { origin: E2E_BASE_URL });
  return user;
}

test("[CUSTOMER] enables push on this device, receives an encrypted test notification and removes the device", async ({
  page,
  context,
}) => {
  const user = await signedInCustomer(context);
  const subscription = push.createSubscription();
  await stubPushManager(page, subscription);

  await page.goto("/account/communication");
  const card = page.locator("#push");
  await expect(card.getByRole("heading", { name: "Push-Benachrichtigungen" })).toBeVisible();
  await expect(card.getByText("Noch kein Gerät empfängt Push-Benachrichtigungen.")).toBeVisible();

  await card.getByRole("button", { name: "Push auf diesem Gerät aktivieren" }).click();
  await expect(card.getByRole("status")).toHaveText("Push ist auf diesem Gerät aktiviert.");
  const devices = card.getByRole("list", { name: "Geräte mit Push" });
  await expect(devices.getByRole("listitem")).toHaveCount(1);
  const device = devices.getByRole("listitem").first();
  await expect(device.getByText("Dieses Gerät", { exact: true })).toBeVisible();
  await expect(card.getByText("Dieses Gerät empfängt Push-Benachrichtigungen.")).toBeVisible();
  await expect(card.getByRole("button", { name: "Push auf diesem Gerät aktivieren" })).toHaveCount(0);

  // The real worker from /sw.js is registered and active for the whole origin.
  const worker = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return { script: registration.active?.scriptURL, scope: registration.scope };
  });
  expect(worker).toEqual({ script: `${E2E_BASE_URL}/sw.js`, scope: `${E2E_BASE_URL}/` });

  const row = await e2eDb().pushSubscription.findUniqueOrThrow({
    where: { endpoint: subscription.endpoint },
  });
  expect(row).toMatchObject({
    userId: user.id,
    p256dh: subscription.keys.p256dh,
    auth: subscription.keys.auth,
    allowsTransactional: true,
    allowsMarketing: false,
  });

  // Offers need the marketing_push consent, which this customer has not given.
  await expect(device.getByRole("checkbox", { name: "Sicherheitshinweise" })).toBeChecked();
  await expect(device.getByRole("checkbox", { name: "Angebote" })).toBeDisabled();
  await expect(device.getByText(/Dafür brauchen wir Ihre Einwilligung „Angebote per Push“/)).toBeVisible();

  // The push service accepts only pushes signed with the key the page subscribed with.
  const serverKey = await page.evaluate((key) => localStorage.getItem(key), STUB_KEY);
  expect(serverKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
  push.bindServerKey(subscription.id, serverKey as string);

  await device.getByRole("button", { name: "Testbenachrichtigung senden" }).click();
  await expect(card.getByRole("status")).toHaveText(/^Testbenachrichtigung an .+ gesendet\.$/);
  expect(push.rejected()).toEqual([]);
  const [message, ...more] = push.received(subscription.id);
  expect(more).toEqual([]);
  expect(JSON.parse(message!.plaintext)).toEqual({
    title: "Testbenachrichtigung",
    body: "Push-Benachrichtigungen vom Kundenportal kommen auf diesem Gerät an.",
    url: "/account/communication",
  });
  expect(message!.vapid).toMatchObject({
    aud: push.origin,
    sub: "mailto:konto@kundenportal.test",
    publicKey: serverKey,
  });
  await expect(device.getByText(/^Hinzugefügt am .+ · Zuletzt benachrichtigt am /)).toBeVisible();

  // The decrypted message, handed to /sw.js, becomes a notification that links back to the page.
  await deliverToServiceWorker(page, message!.plaintext);
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const registration = await navigator.serviceWorker.ready;
        const shown = await registration.getNotifications();
        return shown.map((n) => ({ title: n.title, body: n.body, data: n.data as unknown }));
      }),
    )
    .toEqual([
      {
        title: "Testbenachrichtigung",
        body: "Push-Benachrichtigungen vom Kundenportal kommen auf diesem Gerät an.",
        data: { url: `${E2E_BASE_URL}/account/communication` },
      },
    ]);

  const audit = await e2eDb().auditEvent.findMany({
    where: { subjectUserId: user.id, type: { startsWith: "push." } },
    orderBy: { sequence: "asc" },
    select: { type: true, targetId: true, metadata: true },
  });
  expect(audit).toEqual([
    expect.objectContaining({ type: "push.subscribed", targetId: row.id }),
    expect.objectContaining({ type: "push.test_sent", targetId: row.id, metadata: { outcome: "delivered" } }),
  ]);

  await device.getByRole("button", { name: "Entfernen" }).click();
  await expect(card.getByRole("status")).toHaveText(/^.+ entfernt\.$/);
  await expect(card.getByText("Noch kein Gerät empfängt Push-Benachrichtigungen.")).toBeVisible();
  await expect(card.getByRole("button", { name: "Push auf diesem Gerät aktivieren" })).toBeVisible();
  expect(await e2eDb().pushSubscription.count({ where: { userId: user.id } })).toBe(0);
  expect(await page.evaluate((key) => localStorage.getItem(key), STUB_KEY)).toBeNull();
  expect(
    await e2eDb().auditEvent.count({
      where: { subjectUserId: user.id, type: "push.unsubscribed", targetId: row.id },
    }),
  ).toBe(1);
});

test("[CUSTOMER] a device whose subscription the push service dropped is removed on the next test notification", async ({
  page,
  context,
}) => {
  const user = await signedInCustomer(context);
  const dropped = push.createSubscription();
  const row = await e2eDb().pushSubscription.create({
    data: {
      userId: user.id,
      endpoint: dropped.endpoint,
      p256dh: dropped.keys.p256dh,
      auth: dropped.keys.auth,
      userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    },
  });
  push.markGone(dropped.id);

  await page.goto("/account/communication");
  const card = page.locator("#push");
  const device = card.getByRole("list", { name: "Geräte mit Push" }).getByRole("listitem");
  await expect(device).toHaveCount(1);
  await expect(device.getByText("Dieses Gerät", { exact: true })).toHaveCount(0);
  await device.getByRole("button", { name: "Testbenachrichtigung senden" }).click();
  await expect(card.getByRole("status")).toHaveText(/^.+ ist nicht mehr erreichbar und wurde entfernt\.$/);
  await expect(card.getByText("Noch kein Gerät empfängt Push-Benachrichtigungen.")).toBeVisible();
  expect(await e2eDb().pushSubscription.findUnique({ where: { id: row.id } })).toBeNull();
  expect(
    await e2eDb().auditEvent.findFirst({
      where: { subjectUserId: user.id, type: "push.unsubscribed", targetId: row.id },
      select: { actorRole: true, metadata: true },
    }),
  ).toEqual({ actorRole: "SYSTEM", metadata: { reason: "expired_at_push_service" } });
});
