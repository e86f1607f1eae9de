/* global self, clients, caches */
/**
 * The portal's service worker, registered on every page (app/_components/service-worker.tsx).
 *
 * Web Push: the server sends JSON { title, body, url } encrypted for this browser (RFC 8291); the
 * browser decrypts it before the "push" event. A click focuses a tab already showing the url or
 * opens it. Only paths on this origin are opened, whatever a payload says.
 *
 * Offline (docs/decisions/0068): on install it keeps exactly one page, /offline, fetched WITHOUT
 * cookies (so nothing personal is in it), with the static files it references. A page navigation
 * goes to the network as always; only when the network fails does the offline page answer. Nothing
 * else is ever cached: no account page, no API response, no document.
 */

const OFFLINE_CACHE = "portal-offline-v1";
const OFFLINE_URL = "/offline";

/** /offline and its own scripts and styles (immutable, hashed files under /_next/static). */
async function precacheOfflinePage() {
  const cache = await caches.open(OFFLINE_CACHE);
  const response = await fetch(OFFLINE_URL, { credentials: "omit", cache: "no-store" });
  if (!response.ok) throw new Error(`offline page answered ${response.status}`);
  const html = await response.clone().text();
  const assets = [...html.matchAll(/(?:src|href)="(\/_next\/static\/[^"?#]+)"/g)].map((m) => m[1]);
  await cache.addAll([...new Set(assets)]);
  await cache.put(OFFLINE_URL, response);
}

self.addEventListener("install", (event) => {
  // Push must keep working even if the offline page cannot be fetched right now.
  event.waitUntil(
    precacheOfflinePage()
      .catch((error) => console.warn(`[sw] offline page not cached: ${error}`))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((key) => key !== OFFLINE_CACHE).map((key) => caches.delete(key))),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(
      fetch(request).catch(async () => (await caches.match(OFFLINE_URL)) || Response.error()),
    );
    return;
  }
  // The offline page's own files, when the network is gone; every other request is left alone.
  if (new URL(request.url).pathname.startsWith("/_next/static/")) {
    event.respondWith(fetch(request).catch(async () => (await caches.match(request)) || Response.error()));
  }
});

function readPayload(data) {
  if (!data) return {};
  try {
    const json = data.json();
    return json && typeof json === "object" ? json : {};
  } catch {
    return { body: data.text() };
  }
}

function sameOriginUrl(value) {
  try {
    const url = new URL(typeof value === "string" ? value : "/", self.location.origin);
    return url.origin === self.location.origin ? url.href : self.location.origin + "/";
  } catch {
    return self.location.origin + "/";
  }
}

self.addEventListener("push", (event) => {
  const payload = readPayload(event.data);
  const title = typeof payload.title === "string" && payload.title ? payload.title : self.location.host;
  event.waitUntil(
    self.registration.showNotification(title, {
      body: typeof payload.body === "string" ? payload.body : "",
      data: { url: sameOriginUrl(payload.url) },
      lang: typeof payload.lang === "string" ? payload.lang : undefined,
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = sameOriginUrl(event.notification.data && event.notification.data.url);
  event.waitUntil(
    clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      const open = windows.find((client) => client.url === url && "focus" in client);
      if (open) return open.focus();
      return clients.openWindow(url);
    }),
  );
});
