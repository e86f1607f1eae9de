/**
 * https deployment mode (docs/decisions/0025): with an https APP_URL every response carries HSTS
 * and every auth cookie is a `__Host-` cookie (Secure, Path=/, no Domain), so neither a network
 * attacker nor a sibling subdomain can plant or overwrite it; on a local http URL neither applies.
 * The cookies are written through the real setters and serialised by Next's own cookie code.
 */
import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", async () => (await import("../support/next-request")).nextHeaders);

const MODES = [
  { mode: "local http", appUrl: "http://localhost:3000", secure: false },
  { mode: "https", appUrl: "https://localhost:3443", secure: true },
] as const;

const cookieName = (header: string) => header.slice(0, header.indexOf("="));

describe.each(MODES)("$mode", ({ appUrl, secure }) => {
  beforeEach(() => {
    // Fresh modules: the validated environment is cached per process.
    vi.resetModules();
    vi.stubEnv("APP_URL", appUrl);
    vi.stubEnv("AUTH_SECRET", "unit-test-secret-0123456789abcdefghijklmnop");
    vi.stubEnv("DATA_ENCRYPTION_KEY", "dml0ZXN0LW9ubHkta2V5LTAxMjM0NTY3ODlhYmNkZWY=");
  });

  /** The cookie jar the mocked next/headers uses (a fresh module instance after resetModules). */
  async function freshRequest() {
    const { request, resetRequest } = await import("../support/next-request");
    resetRequest();
    return request;
  }

  it(secure ? "sends HSTS for two years, subdomains included" : "sends no HSTS", async () => {
    const { proxy } = await import("@/proxy");
    const response = proxy(new NextRequest(`${appUrl}/account`));
    expect(response.headers.get("strict-transport-security")).toBe(
      secure ? "max-age=63072000; includeSubDomains" : null,
    );
  });

  it(
    secure
      ? "sends HSTS on static assets and prefetches too, without a CSP of their own"
      : "sends neither HSTS nor a CSP on static assets and prefetches",
    async () => {
      const { config, proxy } = await import("@/proxy");
      expect(config.matcher, "the proxy sees every path").toBe("/:path*");
      const asset = proxy(new NextRequest(`${appUrl}/_next/static/chunks/app.js`));
      const prefetch = proxy(
        new NextRequest(`${appUrl}/account`, { headers: { "next-router-prefetch": "1" } }),
      );
      for (const response of [asset, prefetch]) {
        expect(response.headers.get("strict-transport-security")).toBe(
          secure ? "max-age=63072000; includeSubDomains" : null,
        );
        expect(response.headers.get("content-security-policy")).toBeNull();
      }
    },
  );

  it(
    secure ? "writes every auth cookie as __Host-" : "writes the auth cookies by their plain names",
    async () => {
      const request = await freshRequest();
      const { clearSessionCookie, setDeviceCookie, setSessionCookie } =
        await import("@/lib/auth/session-cookie");
      const { clearPendingSignInCookie, setPendingSignInCookie } =
        await import("@/lib/auth/pending-sign-in-cookie");
      const { setConnectIntent, takeConnectIntent } = await import("@/lib/auth/social-connect-intent");
      const session = { token: "t", absoluteExpiresAt: new Date(Date.now() + 86_400_000), rememberMe: true };
      await setSessionCookie(session);
      await setDeviceCookie("device");
      await setPendingSignInCookie("pending");
      await setConnectIntent("session-id", "testidp");
      await takeConnectIntent("session-id", "testidp");
      await clearPendingSignInCookie();
      await clearSessionCookie();

      const headers = request.setCookieHeaders;
      expect(headers).toHaveLength(7);
      const names = new Set(headers.map(cookieName));
      if (secure) {
        expect([...names].sort()).toEqual([
          "__Host-portal_device",
          "__Host-portal_pending",
          "__Host-portal_session",
          "__Host-portal_social_connect",
        ]);
        for (const header of headers) {
          // A browser drops a __Host- cookie (even a deletion) that lacks any of these.
          expect(header, header).toMatch(/; Secure(;|$)/i);
          expect(header, header).toMatch(/; Path=\/(;|$)/);
          expect(header, header).not.toMatch(/Domain=/i);
        }
      } else {
        expect([...names].sort()).toEqual([
          "portal_device",
          "portal_pending",
          "portal_session",
          "portal_social_connect",
        ]);
        for (const header of headers) expect(header, header).not.toMatch(/; Secure/i);
      }
      for (const header of headers.filter(
        (h) => !/portal_social_connect=;|Max-Age=0|Expires=Thu, 01 Jan 1970/.test(h),
      ))
        expect(header, header).toMatch(/HttpOnly/i);
    },
  );

  it("reads the session only under its own name", async () => {
    const request = await freshRequest();
    const { readSessionCookie } = await import("@/lib/auth/session-cookie");
    request.cookies.set("portal_session", "plain");
    request.cookies.set("__Host-portal_session", "host");
    // In https mode a cookie without the prefix could have been planted by a sibling subdomain.
    expect(await readSessionCookie()).toBe(secure ? "host" : "plain");
  });

  it(
    secure ? "names next-auth's cookies __Host- too" : "leaves next-auth's cookies to its defaults",
    async () => {
      const { getNextAuthOptions } = await import("@/lib/auth/next-auth-options");
      const cookies = getNextAuthOptions().cookies;
      if (!secure) {
        expect(cookies).toBeUndefined();
        return;
      }
      const entries = Object.entries(cookies ?? {});
      expect(entries.map(([key]) => key).sort()).toEqual(
        ["callbackUrl", "csrfToken", "nonce", "pkceCodeVerifier", "sessionToken", "state"].sort(),
      );
      for (const [key, cookie] of entries) {
        expect(cookie.name, key).toMatch(/^__Host-next-auth\./);
        expect(cookie.options, key).toMatchObject({
          path: "/",
          secure: true,
          httpOnly: true,
          sameSite: "lax",
        });
        expect(cookie.options, key).not.toHaveProperty("domain");
      }
    },
  );
});
