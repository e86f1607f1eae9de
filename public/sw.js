/* global self, clients */
/**
 * The portal's service worker (registered from /account/communication). It only handles Web Push:
 * the server sends JSON { title, body, url } encrypted for this browser (RFC 8291); the browser
 * decrypts it before the "push" event. A click focuses a tab already showing the url or opens it.
 * Only paths on this origin are opened, whatever a payload says.
 */

self.addEventListener("install", () => {
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
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
