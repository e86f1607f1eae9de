import "server-only";
/**
 * Names and scope of the portal's auth cookies. On an https APP_URL (a deployment) each is a
 * `__Host-` cookie: the browser accepts it only with Secure, Path=/ and no Domain, so neither a
 * network attacker nor a sibling subdomain can plant or overwrite it (no session fixation by
 * cookie tossing). The path a cookie would otherwise be narrowed to gives way to "/" there; the
 * cookies are HttpOnly either way (docs/decisions/0025).
 */
import type { AuthOptions } from "next-auth";
import { getEnv } from "@/lib/env";

export type AuthCookie = { name: string; path: string; secure: boolean };

export function authCookie(base: string, opts: { path?: string } = {}): AuthCookie {
  return getEnv().secureCookies
    ? { name: `__Host-${base}`, path: "/", secure: true }
    : { name: base, path: opts.path ?? "/", secure: false };
}

/** next-auth's own cookies (state, PKCE, nonce, CSRF …) by the same rule; undefined keeps its defaults. */
export function nextAuthCookies(): AuthOptions["cookies"] {
  if (!getEnv().secureCookies) return undefined;
  const cookie = (name: string, maxAge?: number) => ({
    name: `__Host-next-auth.${name}`,
    options: { httpOnly: true, sameSite: "lax", path: "/", secure: true, ...(maxAge ? { maxAge } : {}) },
  });
  // The lifetimes next-auth 4 gives these by default.
  return {
    sessionToken: cookie("session-token"),
    callbackUrl: cookie("callback-url"),
    csrfToken: cookie("csrf-token"),
    pkceCodeVerifier: cookie("pkce.code_verifier", 15 * 60),
    state: cookie("state", 15 * 60),
    nonce: cookie("nonce"),
  };
}
