import "server-only";
/**
 * The state between a correct password and the second factor: no session exists yet. The browser
 * holds a random token (cookie `portal_pending`), the row only its SHA-256; it lives 10 minutes and
 * completes once.
 */
import type { Prisma } from "@/lib/generated/prisma-sqlite/client";
import { hashToken, newSessionToken } from "@/lib/auth/session-token";
import { db } from "@/lib/db";
import type { ClientInfo } from "@/lib/server/request/client-info";
import type { SecondFactorMethod } from "./complete-sign-in";
import type { RiskLevelName } from "./second-factor-decision";

type Tx = Prisma.TransactionClient;

export const PENDING_SIGN_IN_TTL_MINUTES = 10;
const FACTORS: readonly SecondFactorMethod[] = ["TOTP", "RECOVERY_CODE", "EMAIL_CODE"];

/** The step already proven: a password, or a passkey without user verification (one factor). */
export type PendingFirstFactor = "PASSWORD" | "PASSKEY";

export type PendingSignInState = {
  id: string;
  userId: string;
  firstFactor: PendingFirstFactor;
  user: { id: string; email: string; locale: string };
  factors: SecondFactorMethod[];
  rememberMe: boolean;
  returnTo: string | null;
  signInAttemptId: string | null;
  expiresAt: Date;
};

export async function createPendingSignIn(
  tx: Tx,
  opts: {
    userId: string;
    firstFactor?: PendingFirstFactor;
    signInAttemptId: string;
    factors: SecondFactorMethod[];
    riskLevel: RiskLevelName;
    rememberMe: boolean;
    returnTo: string | null;
    client: ClientInfo;
  },
): Promise<{ id: string; token: string; expiresAt: Date }> {
  const token = newSessionToken();
  const expiresAt = new Date(Date.now() + PENDING_SIGN_IN_TTL_MINUTES * 60_000);
  const row = await tx.pendingSignIn.create({
    data: {
      tokenHash: hashToken(token),
      userId: opts.userId,
      signInAttemptId: opts.signInAttemptId,
      firstFactor: opts.firstFactor ?? "PASSWORD",
      riskLevel: opts.riskLevel,
      allowedFactors: opts.factors,
      rememberMe: opts.rememberMe,
      returnTo: opts.returnTo,
      ip: opts.client.ip,
      userAgent: opts.client.userAgent,
      expiresAt,
    },
  });
  return { id: row.id, token, expiresAt };
}

function parseFactors(value: Prisma.JsonValue): SecondFactorMethod[] {
  return Array.isArray(value)
    ? value.filter(
        (v): v is SecondFactorMethod => typeof v === "string" && FACTORS.includes(v as SecondFactorMethod),
      )
    : [];
}

/** The open pending sign-in for this cookie token, or null when unknown, expired or completed. */
export async function findPendingSignIn(token: string | undefined): Promise<PendingSignInState | null> {
  if (!token) return null;
  const row = await db.pendingSignIn.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: { select: { id: true, email: true, locale: true, status: true } } },
  });
  if (!row || row.completedAt || row.expiresAt <= new Date() || row.user.status === "LOCKED") return null;
  return {
    id: row.id,
    userId: row.userId,
    firstFactor: row.firstFactor === "PASSKEY" ? "PASSKEY" : "PASSWORD",
    user: { id: row.user.id, email: row.user.email, locale: row.user.locale },
    factors: parseFactors(row.allowedFactors),
    rememberMe: row.rememberMe,
    returnTo: row.returnTo,
    signInAttemptId: row.signInAttemptId,
    expiresAt: row.expiresAt,
  };
}

/** Marks it completed; false when another request completed it first (single use). */
export async function completePendingSignIn(id: string): Promise<boolean> {
  const { count } = await db.pendingSignIn.updateMany({
    where: { id, completedAt: null, expiresAt: { gt: new Date() } },
    data: { completedAt: new Date() },
  });
  return count === 1;
}
