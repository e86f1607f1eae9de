import "server-only";
import { cookies } from "next/headers";
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_SECONDS } from "@/lib/server/devices/devices";
import { authCookie } from "./auth-cookies";
import { SESSION_COOKIE } from "./cookie-names";

/**
 * Session cookie: HttpOnly, SameSite=Lax, and on https a `__Host-` cookie (lib/auth/auth-cookies.ts).
 * Without "remember me" it is a browser session cookie; with it, it lives until the session's
 * absolute expiry.
 */
export async function setSessionCookie(session: {
  token: string;
  absoluteExpiresAt: Date;
  rememberMe: boolean;
}): Promise<void> {
  const { name, path, secure } = authCookie(SESSION_COOKIE);
  (await cookies()).set(name, session.token, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path,
    ...(session.rememberMe ? { expires: session.absoluteExpiresAt } : {}),
  });
}

/** The session token this request carries, read only under the cookie's own name. */
export async function readSessionCookie(): Promise<string | undefined> {
  return (await cookies()).get(authCookie(SESSION_COOKIE).name)?.value;
}

export async function clearSessionCookie(): Promise<void> {
  // A __Host- cookie is only replaced (here: expired) by one with the same Secure and Path.
  const { name, path, secure } = authCookie(SESSION_COOKIE);
  (await cookies()).delete({ name, path, secure, httpOnly: true, sameSite: "lax" });
}

export async function readDeviceCookie(): Promise<string | undefined> {
  return (await cookies()).get(authCookie(DEVICE_COOKIE).name)?.value;
}

export async function setDeviceCookie(deviceCookieId: string): Promise<void> {
  const { name, path, secure } = authCookie(DEVICE_COOKIE);
  (await cookies()).set(name, deviceCookieId, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path,
    maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
  });
}
