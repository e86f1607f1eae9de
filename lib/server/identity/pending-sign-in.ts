import "server-only";
/**
 * The state between a proven first factor (password, passkey without user verification, social
 * provider) and the second factor: no session exists yet. The browser holds a random token (cookie
 * `portal_pending`), the row only its SHA-256; it lives 10 minutes and completes once.
 */
import { z } from "zod";
import { parseSignInReasons, type SignInReasonCode } from "@/lib/config/sign-in-reasons";
import type { Prisma } from "@/lib/generated/prisma-sqlite/client";
import { hashToken, newSessionToken } from "@/lib/server/crypto/token-hash";
import { signInAttemptRisk } from "@/lib/server/risk/assess";
import { db, type Tx } from "@/lib/db";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { sendSignInEmailCode } from "@/lib/server/factors/email-codes";
import type { ClientInfo } from "@/lib/server/request/client-info";
import type { PendingSocialLink, SecondFactorMethod } from "./sign-in-factors";
import type { RiskLevelName, SecondFactorDecision } from "./second-factor-decision";
import { anonymousActor } from "@/lib/server/actor";

export const PENDING_SIGN_IN_TTL_MINUTES = 10;
const FACTORS: readonly SecondFactorMethod[] = ["TOTP", "RECOVERY_CODE", "EMAIL_CODE"];

/** The step already proven: a password, a passkey without user verification, or a provider. */
export type PendingFirstFactor = "PASSWORD" | "PASSKEY" | "SOCIAL";

/** A provider account proven at /login/link, linked when the second factor passes. */
const SocialLinkSchema = z.object({ provider: z.string(), subject: z.string(), email: z.string() });

export type PendingSignInState = {
  id: string;
  userId: string;
  firstFactor: PendingFirstFactor;
  user: { id: string; email: string; locale: string };
  factors: SecondFactorMethod[];
  /** Why the code is asked, for /login/verify to say in words. */
  reasons: SignInReasonCode[];
  socialLink: PendingSocialLink | null;
  rememberMe: boolean;
  returnTo: string | null;
  signInAttemptId: string | null;
  expiresAt: Date;
};

export async function createPendingSignIn(
  opts: {
    userId: string;
    firstFactor?: PendingFirstFactor;
    signInAttemptId: string;
    factors: SecondFactorMethod[];
    reasons: SignInReasonCode[];
    socialLink?: PendingSocialLink;
    riskLevel: RiskLevelName;
    rememberMe: boolean;
    returnTo: string | null;
    client: ClientInfo;
  },
  { tx = db }: { tx?: Tx } = {},
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
      reasons: opts.reasons,
      socialLink: opts.socialLink,
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
    firstFactor: row.firstFactor === "PASSKEY" || row.firstFactor === "SOCIAL" ? row.firstFactor : "PASSWORD",
    user: { id: row.user.id, email: row.user.email, locale: row.user.locale },
    factors: parseFactors(row.allowedFactors),
    reasons: parseSignInReasons(row.reasons),
    socialLink: SocialLinkSchema.safeParse(row.socialLink).data ?? null,
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

export type SecondFactorRequired = {
  ok: false;
  code: "SECOND_FACTOR_REQUIRED";
  pendingToken: string;
  expiresAt: Date;
};

/**
 * No session yet: records the attempt as SECOND_FACTOR_REQUIRED and opens a pending sign-in that
 * /login/verify completes with one of the allowed factors. Called by the sign-in completion only.
 */
export async function startPendingSignIn(opts: {
  user: { id: string; email: string; locale: string };
  firstFactor: PendingFirstFactor;
  decision: SecondFactorDecision;
  factors: SecondFactorMethod[];
  reasons: SignInReasonCode[];
  socialLink?: PendingSocialLink;
  attempt: Omit<Prisma.SignInAttemptUncheckedCreateInput, "result">;
  rememberMe: boolean;
  returnTo?: string;
  client: ClientInfo;
}): Promise<SecondFactorRequired> {
  const { user, decision, client } = opts;
  const pending = await db.$transaction(async (tx) => {
    const attempt = await tx.signInAttempt.create({
      data: {
        ...opts.attempt,
        userId: user.id,
        result: "SECOND_FACTOR_REQUIRED",
        ...signInAttemptRisk(decision.risk),
      },
    });
    const pending = await createPendingSignIn(
      {
        userId: user.id,
        firstFactor: opts.firstFactor,
        signInAttemptId: attempt.id,
        factors: opts.factors,
        reasons: opts.reasons,
        socialLink: opts.socialLink,
        riskLevel: decision.riskLevel ?? "LOW",
        rememberMe: opts.rememberMe,
        returnTo: opts.returnTo ?? null,
        client,
      },
      { tx },
    );
    await writeAuditEvent(tx, {
      type: "auth.second_factor_required",
      actor: anonymousActor(client),
      subject: user.id,
      metadata: {
        reason: decision.reason,
        reasons: opts.reasons,
        factors: opts.factors.join(","),
        firstFactor: opts.firstFactor,
      },
    });
    return pending;
  });
  // Only an email code needs sending; the person chose when to open their authenticator app.
  if (opts.factors[0] === "EMAIL_CODE") {
    await sendSignInEmailCode({ pendingSignInId: pending.id, user, client });
  }
  return {
    ok: false,
    code: "SECOND_FACTOR_REQUIRED",
    pendingToken: pending.token,
    expiresAt: pending.expiresAt,
  };
}
