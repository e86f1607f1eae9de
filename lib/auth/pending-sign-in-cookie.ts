import "server-only";
import { cookies } from "next/headers";
import { getEnv } from "@/lib/env";
import { PENDING_SIGN_IN_TTL_MINUTES } from "@/lib/server/identity/pending-sign-in";

/**
 * The pending sign-in between password and second factor (HttpOnly, SameSite=Lax, 10 minutes).
 * Scoped to /login so no other route ever receives it.
 */
export const PENDING_SIGN_IN_COOKIE = "portal_pending";

export async function setPendingSignInCookie(token: string): Promise<void> {
  (await cookies()).set(PENDING_SIGN_IN_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: getEnv().secureCookies,
    path: "/login",
    maxAge: PENDING_SIGN_IN_TTL_MINUTES * 60,
  });
}

export async function readPendingSignInCookie(): Promise<string | undefined> {
  return (await cookies()).get(PENDING_SIGN_IN_COOKIE)?.value;
}

export async function clearPendingSignInCookie(): Promise<void> {
  (await cookies()).set(PENDING_SIGN_IN_COOKIE, "", { path: "/login", maxAge: 0 });
}
