import "server-only";
import { cookies } from "next/headers";
import { PENDING_SIGN_IN_TTL_MINUTES } from "@/lib/server/identity/pending-sign-in";
import { authCookie } from "./auth-cookies";

/**
 * The pending sign-in between password and second factor (HttpOnly, SameSite=Lax, 10 minutes).
 * Scoped to /login so no other route receives it; on https it is a `__Host-` cookie instead,
 * which must have Path=/ (lib/auth/auth-cookies.ts).
 */
export const PENDING_SIGN_IN_COOKIE = "portal_pending";

const pendingCookie = () => authCookie(PENDING_SIGN_IN_COOKIE, { path: "/login" });

export async function setPendingSignInCookie(token: string): Promise<void> {
  const { name, path, secure } = pendingCookie();
  (await cookies()).set(name, token, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path,
    maxAge: PENDING_SIGN_IN_TTL_MINUTES * 60,
  });
}

export async function readPendingSignInCookie(): Promise<string | undefined> {
  return (await cookies()).get(pendingCookie().name)?.value;
}

export async function clearPendingSignInCookie(): Promise<void> {
  const { name, path, secure } = pendingCookie();
  (await cookies()).set(name, "", { httpOnly: true, sameSite: "lax", secure, path, maxAge: 0 });
}
