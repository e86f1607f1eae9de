import "server-only";
/**
 * Database sessions: the cookie carries a random token, the row holds only its SHA-256, so a
 * session can be listed, revoked one by one or all at once, and every app instance sees the same.
 */
import { newSessionToken, hashToken } from "@/lib/server/crypto/token-hash";
import { db, type Tx } from "@/lib/db";
import { getEnv } from "@/lib/env";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { sessionExpiries } from "@/lib/config/sessions";
import { STAFF_ROLES, type Role } from "@/lib/config/roles";
import { endSessionsBeyondLimit } from "./session-limit";

export type AuthMethodName = "PASSWORD" | "PASSKEY" | "SOCIAL" | "TOTP" | "RECOVERY_CODE" | "EMAIL_CODE";
export type RevokeReason =
  | "SIGNED_OUT"
  | "REVOKED_BY_USER"
  | "REVOKED_BY_SUPPORT"
  | "PASSWORD_CHANGED"
  | "PASSWORD_RESET"
  | "EMAIL_CHANGED"
  | "ACCOUNT_LOCKED"
  | "DELETION_REQUESTED"
  | "SESSION_LIMIT";

export type NewSession = { id: string; token: string; absoluteExpiresAt: Date; rememberMe: boolean };

/** Opens a session; past the account's maximum the least recently used one ends (session-limit.ts). */
export async function createSession(
  opts: {
    userId: string;
    deviceId: string | null;
    methods: AuthMethodName[];
    rememberMe: boolean;
    client: ClientInfo;
    /** NIST assurance level reached: 2 after a second factor or a user-verified passkey. */
    aal?: 1 | 2;
    /** The account's roles when the caller has just read them; otherwise they are counted here. */
    roles?: readonly Role[];
  },
  { tx = db }: { tx?: Tx } = {},
): Promise<NewSession> {
  const token = newSessionToken();
  // Staff sessions are shorter and never remembered (docs/decisions/0040).
  const staff = opts.roles
    ? opts.roles.some((role) => STAFF_ROLES.includes(role))
    : (await tx.userRole.count({ where: { userId: opts.userId, role: { in: STAFF_ROLES } } })) > 0;
  const rememberMe = opts.rememberMe && !staff;
  const { absoluteExpiresAt, idleExpiresAt } = sessionExpiries(
    getEnv().sessions,
    rememberMe,
    new Date(),
    staff,
  );
  const session = await tx.session.create({
    data: {
      tokenHash: hashToken(token),
      userId: opts.userId,
      deviceId: opts.deviceId,
      idleExpiresAt,
      absoluteExpiresAt,
      rememberMe,
      authMethods: opts.methods,
      aal: opts.aal ?? 1,
      ip: opts.client.ip,
      country: opts.client.location?.country ?? null,
      city: opts.client.location?.city ?? null,
      userAgent: opts.client.userAgent,
    },
  });
  await endSessionsBeyondLimit(tx, { userId: opts.userId, keepSessionId: session.id, client: opts.client });
  return { id: session.id, token, absoluteExpiresAt, rememberMe };
}

export type SessionListItem = {
  id: string;
  isCurrent: boolean;
  browser: string | null;
  os: string | null;
  country: string | null;
  city: string | null;
  ip: string | null;
  createdAt: Date;
  lastSeenAt: Date;
};

/** The user's active sessions, current first, then by last activity. */
export async function listActiveSessions(
  userId: string,
  currentSessionId: string,
): Promise<SessionListItem[]> {
  const now = new Date();
  const rows = await db.session.findMany({
    where: { userId, revokedAt: null, idleExpiresAt: { gt: now }, absoluteExpiresAt: { gt: now } },
    include: { device: { select: { browser: true, os: true } } },
    orderBy: { lastSeenAt: "desc" },
  });
  return rows
    .map((s) => ({
      id: s.id,
      isCurrent: s.id === currentSessionId,
      browser: s.device?.browser ?? null,
      os: s.device?.os ?? null,
      country: s.country,
      city: s.city,
      ip: s.ip,
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
    }))
    .sort((a, b) => Number(b.isCurrent) - Number(a.isCurrent));
}

/** Revokes one of the user's sessions; another user's id matches nothing. Returns whether one was revoked. */
export async function revokeSession(
  opts: { userId: string; sessionId: string; reason: RevokeReason },
  { tx = db }: { tx?: Tx } = {},
): Promise<boolean> {
  const { count } = await tx.session.updateMany({
    where: { id: opts.sessionId, userId: opts.userId, revokedAt: null },
    data: { revokedAt: new Date(), revokeReason: opts.reason },
  });
  return count > 0;
}

/** Revokes all of the user's sessions except `exceptSessionId` (none: all). Returns how many. */
export async function revokeSessions(
  opts: { userId: string; reason: RevokeReason; exceptSessionId?: string },
  { tx = db }: { tx?: Tx } = {},
): Promise<number> {
  const { count } = await tx.session.updateMany({
    where: {
      userId: opts.userId,
      revokedAt: null,
      ...(opts.exceptSessionId ? { id: { not: opts.exceptSessionId } } : {}),
    },
    data: { revokedAt: new Date(), revokeReason: opts.reason },
  });
  return count;
}
