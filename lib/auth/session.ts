import "server-only";
/**
 * The one authorisation module (ARCHITECTURE.md): every page, server action and route handler calls
 * getCurrentUser / requireUser (staff areas: requirePermission in ./permissions.ts). Sessions are database rows looked up by the hash of
 * the cookie's token, so they are revocable and shared by every app instance. Layouts and the
 * proxy never authorise.
 */
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Role } from "@/lib/config/roles";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { isStaff } from "@/lib/config/permissions";
import { isStaffSessionExpired, nextIdleExpiry, TOUCH_INTERVAL_MS } from "@/lib/config/sessions";
import type { Locale } from "@/lib/i18n/config";
import { toLocale } from "@/lib/i18n/config";
import { toSafeRelativePath } from "@/lib/http/safe-path";
import { readSessionCookie } from "./session-cookie";
import { hashToken } from "@/lib/server/crypto/token-hash";

export type CurrentUser = {
  id: string;
  email: string;
  displayName: string | null;
  roles: Role[];
  locale: Locale;
  emailVerified: boolean;
  sessionId: string;
  /** When the person last proved who they are (sign-in or step-up), for requireRecentAuth. */
  authenticatedAt: Date;
  /** How they did (e.g. ["PASSWORD", "TOTP"]) and the assurance level reached, for factor changes. */
  authMethods: string[];
  aal: number;
  /** Completed sign-ins so far: progressive profiling waits for the second (read with the session). */
  signInCount: number;
};

/** The signed-in person for this request, or null. Cached per request. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const token = await readSessionCookie();
  if (!token) return null;
  const session = await db.session.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: { include: { roles: true } } },
  });
  const now = new Date();
  if (!session || session.revokedAt || session.idleExpiresAt <= now || session.absoluteExpiresAt <= now)
    return null;
  const { user } = session;
  if (user.status === "LOCKED") return null;
  const roles = user.roles.map((r) => r.role);
  const staff = isStaff({ roles });
  if (staff && isStaffSessionExpired(getEnv().sessions, session, now)) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    // Slide the idle window; conditional on lastSeenAt so concurrent requests write once.
    await db.session.updateMany({
      where: { id: session.id, lastSeenAt: session.lastSeenAt },
      data: {
        lastSeenAt: now,
        idleExpiresAt: nextIdleExpiry(
          getEnv().sessions,
          session.rememberMe,
          session.absoluteExpiresAt,
          now,
          staff,
        ),
      },
    });
  }
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    roles,
    locale: toLocale(user.locale),
    emailVerified: user.emailVerifiedAt !== null,
    sessionId: session.id,
    authenticatedAt: session.authenticatedAt,
    authMethods: Array.isArray(session.authMethods)
      ? session.authMethods.filter((m): m is string => typeof m === "string")
      : [],
    aal: session.aal,
    signInCount: user.signInCount,
  };
});

/** The signed-in person, or a redirect to /login that brings them back to `returnTo`. */
export async function requireUser(opts: { returnTo: string }): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user)
    redirect(`/login?callbackUrl=${encodeURIComponent(toSafeRelativePath(opts.returnTo, "/account"))}`);
  return user;
}
