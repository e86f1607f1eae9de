/**
 * The installable app (issue 14 Done-when 4, docs/decisions/0068): what Lighthouse's installability
 * audit checks, in Chromium against the production build — the manifest linked from the page and
 * valid (name, short_name, standalone, start_url inside the scope, 192 and 512 px PNG icons that
 * load with that size), a service worker controlling the page, and the start URL answering 200
 * through the worker when the network is gone. And what the worker must never do: keep an account
 * page or anything personal.
 */
import type { APIRequestContext, BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createCustomer, E2E_BASE_URL, signInAs } from "./support/users";

type Manifest = {
  name?: string;
  short_name?: string;
  start_url?: string;
  scope?: string;
  display?: string;
  icons?: { src: string; sizes: string; type: string; purpose?: string }[];
};

async function pngSize(request: APIRequestContext, src: string) {
  const response = await request.get(src);
  expect(response.status(), src).toBe(200);
  expect(response.headers()["content-type"], src).toBe("image/png");
  const bytes = await response.body();
  expect(bytes.subarray(1, 4).toString("ascii"), `${src} is a PNG`).toBe("PNG");
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

/** Waits until /sw.js is active and controls the page (registered by the root layout). */
async function controlledBy(page: Page): Promise<string | undefined> {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBeTruthy();
  return page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
}

/**
 * The network on or off for the pages AND the service worker. Chromium may be stopping or
 * restarting the idle worker at that moment, and Playwright then reports the worker's target as
 * closed (seen in CI): the next try reaches the worker that runs now.
 */
async function setNetwork(context: BrowserContext, offline: boolean): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await context.setOffline(offline);
      return;
    } catch (error) {
      if (attempt === 3 || !/has been closed/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** Every URL the worker's caches hold. */
const cachedUrls = (page: Page) =>
  page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys())
      for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
    return urls;
  });

test("[VISITOR] finds an installable app: a valid manifest with loading icons, a controlling worker, and a start URL that answers offline", async ({
  page,
  context,
  request,
  axeAudits,
}) => {
  // Offline, whatever still goes to the network (a link's prefetch) fails, as it should.
  axeAudits.allowConsoleError(/ERR_INTERNET_DISCONNECTED/);
  const home = await page.goto("/");
  expect(home?.status()).toBe(200);
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  expect(href).toBeTruthy();
  const manifestUrl = new URL(href!, E2E_BASE_URL);
  const response = await request.get(manifestUrl.href);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^application\/manifest\+json/);
  const manifest = (await response.json()) as Manifest;
  expect(manifest).toMatchObject({ name: "Kundenportal", short_name: "Kundenportal", display: "standalone" });
  const scope = new URL(manifest.scope ?? ".", manifestUrl);
  const startUrl = new URL(manifest.start_url!, manifestUrl);
  expect(startUrl.origin).toBe(new URL(E2E_BASE_URL).origin);
  expect(startUrl.pathname.startsWith(scope.pathname)).toBe(true);
  const sizes = [];
  for (const icon of manifest.icons ?? []) {
    expect(icon.type).toBe("image/png");
    expect(await pngSize(request, new URL(icon.src, manifestUrl).href)).toBe(icon.sizes);
    if (icon.purpose !== "maskable") sizes.push(icon.sizes);
  }
  expect(sizes).toEqual(expect.arrayContaining(["192x192", "512x512"]));

  expect(await controlledBy(page)).toBe(`${E2E_BASE_URL}/sw.js`);
  await expect.poll(() => cachedUrls(page)).toContain("/offline");

  await setNetwork(context, true);
  const offline = await page.goto(startUrl.href);
  expect(offline?.status()).toBe(200);
  expect(offline?.fromServiceWorker()).toBe(true);
  await expect(page.getByRole("heading", { level: 1, name: "Keine Internetverbindung" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Erneut versuchen" })).toHaveAttribute("href", "/account");
  await setNetwork(context, false);
});

test("[CUSTOMER] offline sees the offline page, never a kept copy of an account page; the worker keeps nothing personal", async ({
  page,
  context,
  axeAudits,
}) => {
  axeAudits.allowConsoleError(/ERR_INTERNET_DISCONNECTED/);
  const user = await createCustomer({ displayName: "Erika Offline" });
  await signInAs(context, user.id);
  await page.goto("/account/communication");
  await expect(page.getByRole("heading", { level: 1, name: "Kommunikation" })).toBeVisible();
  await controlledBy(page);
  await page.goto("/account");
  await expect(page.getByText(user.email).first()).toBeVisible();
  await expect.poll(() => cachedUrls(page)).toContain("/offline");

  const cached = await cachedUrls(page);
  expect(cached.filter((path) => path !== "/offline" && !path.startsWith("/_next/static/"))).toEqual([]);

  await setNetwork(context, true);
  for (const path of ["/account", "/account/communication", "/account/orders"]) {
    const answer = await page.goto(path);
    expect(answer?.status(), path).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: "Keine Internetverbindung" })).toBeVisible();
    expect(await page.content(), path).not.toContain(user.email);
  }
  // An API call is not answered by the worker either: it fails like any request without a network.
  const api = await page.evaluate(() =>
    fetch("/api/health").then(
      (r) => `answered ${r.status}`,
      () => "failed",
    ),
  );
  expect(api).toBe("failed");
  await setNetwork(context, false);
});
