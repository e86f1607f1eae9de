import { expect, test } from "./fixtures";

const AUTH_PAGES = [
  { path: "/login", de: "Anmelden", en: "Sign in", emailDe: "E-Mail-Adresse", emailEn: "Email address" },
  {
    path: "/register",
    de: "Konto erstellen",
    en: "Create an account",
    emailDe: "E-Mail-Adresse",
    emailEn: "Email address",
  },
  {
    path: "/forgot-password",
    de: "Passwort vergessen",
    en: "Forgot your password",
    emailDe: "E-Mail-Adresse",
    emailEn: "Email address",
  },
];

test.describe("sign-up and sign-in pages", () => {
  for (const page of AUTH_PAGES) {
    test(`[VISITOR] sees ${page.path} in German by default and in English after the language switch`, async ({
      page: browser,
      axeAudits,
    }) => {
      await browser.goto(page.path);
      await expect(browser.locator("html")).toHaveAttribute("lang", "de");
      await expect(browser.getByRole("heading", { level: 1, name: page.de })).toBeVisible();
      await expect(browser.getByLabel(page.emailDe)).toBeVisible();

      await browser.getByRole("button", { name: "English" }).click();
      await expect(browser.locator("html")).toHaveAttribute("lang", "en");
      await expect(browser).toHaveURL(new RegExp(`${page.path}$`));
      await expect(browser.getByRole("heading", { level: 1, name: page.en })).toBeVisible();
      await expect(browser.getByLabel(page.emailEn)).toBeVisible();
      await axeAudits.check(); // the switch re-renders in place: audit the English page too

      await browser.getByRole("button", { name: "Deutsch" }).click();
      await expect(browser.locator("html")).toHaveAttribute("lang", "de");
      await expect(browser.getByRole("heading", { level: 1, name: page.de })).toBeVisible();
      expect(axeAudits.audited.length).toBeGreaterThanOrEqual(2);
    });
  }

  test("[VISITOR] gets a German error on the field for an invalid email and keeps what was typed", async ({
    page,
  }) => {
    await page.goto("/login");
    await page.getByLabel("E-Mail-Adresse").fill("erika.beispiel.de");
    await page.getByLabel("Passwort").fill("ein langes passwort");
    await page.getByRole("button", { name: "Anmelden", exact: true }).click();
    await expect(page.getByText("Bitte geben Sie eine gültige E-Mail-Adresse ein")).toBeVisible();
    await expect(page.getByLabel("E-Mail-Adresse")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("E-Mail-Adresse")).toHaveValue("erika.beispiel.de");
    await expect(page.getByLabel("Passwort")).toHaveValue("ein langes passwort");
  });
});

test.describe("account area", () => {
  for (const path of [
    "/account",
    "/account/profile",
    "/account/security",
    "/support",
    "/admin",
    "/marketing",
  ]) {
    test(`[VISITOR] is sent from ${path} to /login with the way back kept`, async ({ page }) => {
      await page.goto(path);
      await expect(page).toHaveURL(`/login?callbackUrl=${encodeURIComponent(path)}`);
      await expect(page.getByRole("heading", { level: 1, name: "Anmelden" })).toBeVisible();
    });
  }
});

test.describe("platform", () => {
  test("[OPERATOR] /api/health reports the database as ok", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", db: "ok" });
  });

  test("[VISITOR] gets security headers and a nonce-based Content-Security-Policy", async ({ page }) => {
    const response = await page.goto("/login");
    const headers = response!.headers();
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    const csp = headers["content-security-policy"] ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("unsafe-eval");
    // Every script the server renders into the page carries this response's nonce. A chunk the
    // runtime fetches later on demand (the passkey library, decision 0070) carries none: scripts
    // added by trusted scripts are allowed through 'strict-dynamic'.
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    const html = await response!.text();
    const scriptNonces = (html.match(/<script\b[^>]*\bsrc="[^"]*"[^>]*>/g) ?? []).map(
      (tag) => /\bnonce="([^"]*)"/.exec(tag)?.[1] ?? "",
    );
    expect(scriptNonces.length).toBeGreaterThan(0);
    expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
  });

  test("[VISITOR] gets the page's scripts as Brotli, with the same headers, and gzip when asking for it", async ({
    page,
    request,
  }) => {
    const scripts: { url: string; encoding?: string; nosniff?: string }[] = [];
    page.on("response", (response) => {
      if (!/\/_next\/static\/.+\.js(\?|$)/.test(response.url())) return;
      const headers = response.headers();
      scripts.push({
        url: response.url(),
        encoding: headers["content-encoding"],
        nosniff: headers["x-content-type-options"],
      });
    });
    await page.goto("/login");
    await expect(page.getByRole("button", { name: "Anmelden", exact: true })).toBeEnabled();
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts)
      expect(script, script.url).toMatchObject({ encoding: "br", nosniff: "nosniff" });
    const gzip = await request.get(scripts[0]!.url, { headers: { "accept-encoding": "gzip" } });
    expect(gzip.status()).toBe(200);
    expect(gzip.headers()["content-encoding"]).toBe("gzip");
  });

  test("[VISITOR] gets a localised 404 page", async ({ page, axeAudits }) => {
    axeAudits.allowConsoleError(/status of 404/);
    const response = await page.goto("/gibt-es-nicht");
    expect(response!.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Seite nicht gefunden" })).toBeVisible();
    await page.getByRole("link", { name: "Zur Startseite" }).first().click();
    await expect(page).toHaveURL("/");
  });

  test("[VISITOR] finds imprint and privacy notice in the footer", async ({ page }) => {
    await page.goto("/");
    const footer = page.getByRole("contentinfo");
    await footer.getByRole("link", { name: "Impressum" }).click();
    await expect(page).toHaveURL("/imprint");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    // The configured operator (here the demo one, so the page says it is a demo; decision 0065).
    await expect(page.locator("address")).toContainText("Beispiel Handels GmbH");
    await expect(page.locator("address")).toContainText("Deutschland");
    await expect(page.getByText("Dies ist eine Demo-Installation.", { exact: false })).toBeVisible();
    await page.getByRole("contentinfo").getByRole("link", { name: "Datenschutz" }).click();
    await expect(page).toHaveURL("/privacy");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  });
});
