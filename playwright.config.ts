import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${PORT}`;
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  },
};

export default defineConfig({
  fullyParallel: false,
  workers: 1, // 2 cores: one browser and one server
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // `npm test` runs the two projects as two steps, each with its own report file (scripts/test.ts).
  reporter: [
    ["list"],
    ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_FILE ?? "test-results/e2e.json" }],
  ],
  use: {
    baseURL,
    locale: "de-DE",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    { name: "chromium", testDir: "tests/e2e", use: chromium },
    // The main customer journeys on a phone, failing on horizontal overflow (tests/e2e-mobile).
    {
      name: "mobile",
      testDir: "tests/e2e-mobile",
      use: { ...chromium, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
    },
    // `npm run screenshots`: every account page on a desktop and a phone (docs/screenshots/).
    { name: "screenshots", testDir: "tests/screenshots", use: chromium },
    // The attack suite (tests/security, docs/decisions/0026): mostly HTTP against the same
    // production build and servers, a browser only where the browser's own rules are the point.
    { name: "security", testDir: "tests/security", use: chromium, timeout: 120_000 },
  ],
  webServer: [
    {
      // A real SMTP server the portal delivers to; specs read the mails over its HTTP API.
      command: "tsx tests/e2e/servers/smtp-sink-server.ts",
      url: "http://127.0.0.1:3126/health",
      timeout: 30_000,
      reuseExistingServer: false,
      env: { E2E_SMTP_PORT: "3125", E2E_SMTP_HTTP_PORT: "3126" },
    },
    {
      // A real OpenID Connect provider for the social-login specs (tests/e2e/servers/oidc-provider.ts).
      command: "tsx tests/e2e/servers/oidc-provider.ts",
      url: "http://localhost:3127/.well-known/openid-configuration",
      timeout: 30_000,
      reuseExistingServer: false,
      env: { E2E_OIDC_PORT: "3127", E2E_PORT: String(PORT) },
    },
    {
      command: "tsx tests/e2e/start-server.ts",
      url: `${baseURL}/api/health`,
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        PORT: String(PORT),
        APP_URL: baseURL,
        DATABASE_URL: "file:./tests/.tmp/e2e/portal.db",
        DEMO_DATA: "on",
        // X-Forwarded-For decides the client IP, so risk tests can sign in "from" other countries.
        TRUST_PROXY: "1",
        SMTP_URL: "smtp://127.0.0.1:3125",
        MAIL_FROM: "Kundenportal <konto@kundenportal.test>",
        // The local SMS provider's outbox (docs/decisions/0052); specs read it (support/sms.ts).
        SMS_OUTBOX_DIR: "tests/.tmp/e2e/sms-outbox",
        NEXT_TELEMETRY_DISABLED: "1",
        OIDC_PROVIDERS: "testidp",
        OIDC_TESTIDP_ISSUER: "http://localhost:3127",
        OIDC_TESTIDP_CLIENT_ID: "portal-e2e",
        OIDC_TESTIDP_CLIENT_SECRET: "portal-e2e-secret",
        OIDC_TESTIDP_NAME: "Test-IdP",
      },
    },
  ],
});
