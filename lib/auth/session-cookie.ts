import "server-only";
import { cookies } from "next/headers";
import { getEnv } from "@/lib/env";
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_SECONDS } from "@/lib/server/devices/devices";
import { SESSION_COOKIE } from "./session-token";

/**
 * Session cookie: HttpOnly, SameSite=Lax, Secure on https. Without "remember me" it is a browser
 * session cookie; with it, it lives until the session's absolute expiry.
 */
export async function setSessionCookie(session: {
  token: string;
  absoluteExpiresAt: Date;
  rememberMe: boolean;
}): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: "lax",
    secure: getEnv().secureCookies,
    path: "/",
    ...(session.rememberMe ? { expires: session.absoluteExpiresAt } : {}),
  });
}

export async function clearSessionCookie(): Promise<void> {
  (await cookies()).delete(SESSION_COOKIE);
}

export async function readDeviceCookie(): Promise<string | undefined> {
  return (await cookies()).get(DEVICE_COOKIE)?.value;
}

export async function setDeviceCookie(deviceCookieId: string): Promise<void> {
  (await cookies()).set(DEVICE_COOKIE, deviceCookieId, {
    httpOnly: true,
    sameSite: "lax",
    secure: getEnv().secureCookies,
    path: "/",
    maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
  });
}
