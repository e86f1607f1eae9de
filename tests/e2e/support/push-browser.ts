/**
 * Web Push in Chromium for E2E specs (docs/decisions/0014): no browser push service is reachable
 * offline, so an init script stands in for PushManager.subscribe/getSubscription with a
 * subscription on the local push service (tests/e2e/servers/push-service.ts); and a decrypted
 * message is handed to the page's real service worker as the browser would.
 */
import type { Page } from "@playwright/test";
import type { TestSubscription } from "../servers/push-service";
import { E2E_BASE_URL } from "./users";

/** Where the stub keeps the application server key the page subscribed with. */
export const STUB_KEY = "e2e.push.applicationServerKey";

/** Replaces the browser's push service with the local one, for this page only. */
export async function stubPushManager(page: Page, subscription: TestSubscription): Promise<void> {
  await page.addInitScript(
    ({ endpoint, keys, storageKey }) => {
      const decode = (value: string) =>
        Uint8Array.from(atob(value.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0)).buffer;
      const encode = (bytes: Uint8Array) =>
        btoa(String.fromCharCode(...bytes))
          .replace(/\+/g, "-")
          .replace(/\//g, "_")
          .replace(/=+$/, "");
      const make = (serverKey: string) => ({
        endpoint,
        expirationTime: null,
        options: { userVisibleOnly: true, applicationServerKey: decode(serverKey) },
        getKey: (name: string) => (name === "p256dh" || name === "auth" ? decode(keys[name]) : null),
        toJSON: () => ({ endpoint, expirationTime: null, keys }),
        unsubscribe: async () => {
          localStorage.removeItem(storageKey);
          return true;
        },
      });
      PushManager.prototype.subscribe = async function (options?: PushSubscriptionOptionsInit) {
        const key = options?.applicationServerKey;
        if (!key || typeof key === "string")
          throw new DOMException("key expected as bytes", "InvalidAccessError");
        const bytes =
          key instanceof ArrayBuffer
            ? new Uint8Array(key)
            : new Uint8Array(key.buffer, key.byteOffset, key.byteLength);
        // The key the real code asked the push service to bind (the test binds it on the service).
        localStorage.setItem(storageKey, encode(bytes));
        return make(encode(bytes)) as unknown as PushSubscription;
      };
      PushManager.prototype.getSubscription = async function () {
        const serverKey = localStorage.getItem(storageKey);
        return serverKey ? (make(serverKey) as unknown as PushSubscription) : null;
      };
    },
    { endpoint: subscription.endpoint, keys: subscription.keys, storageKey: STUB_KEY },
  );
}

/**
 * Hands a push message to the page's real service worker, as the browser does after decrypting
 * one (DevTools protocol: the same path as DevTools' "Push" button).
 */
export async function deliverToServiceWorker(page: Page, data: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const registrationId = new Promise<string>((resolve) => {
    cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
      const ours = registrations.find((r) => r.scopeURL === `${E2E_BASE_URL}/` && !r.isDeleted);
      if (ours) resolve(ours.registrationId);
    });
  });
  await cdp.send("ServiceWorker.enable");
  await cdp.send("ServiceWorker.deliverPushMessage", {
    origin: E2E_BASE_URL,
    registrationId: await registrationId,
    data,
  });
  await cdp.detach();
}
