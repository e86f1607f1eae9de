import "server-only";
/**
 * Password sign-in. Unknown addresses, wrong passwords and throttled attempts are told apart only
 * where it reveals nothing: the caller shows one message for INVALID_CREDENTIALS whatever the reason,
 * and an unknown address costs the same argon2 verification as a known one.
 */
import type { Prisma } from "@/lib/generated/prisma-sqlite/client";
import { hashPassword, verifyPassword } from "@/lib/auth/password-hash";
import { db } from "@/lib/db";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { DELETION_PENDING_PATH } from "@/lib/server/privacy/account-deletion";
import { sendSignInEmailCode } from "@/lib/server/factors/email-codes";
import { rateLimitIpSubject } from "@/lib/server/rate-limit/ip-subject";
import { consumeRateLimit, refundRateLimitHit, resetRateLimit } from "@/lib/server/rate-limit/rate-limit";
import type { ClientInfo } from "@/lib/server/request/client-info";
import type { NewSession } from "@/lib/server/sessions/sessions";
import { attemptContext, completeSignIn } from "./complete-sign-in";
import { createPendingSignIn, type PendingFirstFactor } from "./pending-sign-in";
import { padResponse, RESPONSE_FLOOR_MS } from "./response-floor";
import { blockSignIn } from "./risk-block";
import { decideSecondFactor, type SecondFactorDecision } from "./second-factor-decision";
import { riskAuditMetadata, signInAttemptRisk } from "@/lib/auth/risk/assess";

// A required second factor is `ok: false` on purpose: a caller that does not know the step treats
// it as a failure and creates no session, which is the safe default.
export type SignInResult =
  | { ok: true; session: NewSession; userId: string }
  | { ok: false; code: "SECOND_FACTOR_REQUIRED"; pendingToken: string; expiresAt: Date }
  | { ok: false; code: "INVALID_CREDENTIALS" }
  | { ok: false; code: "ACCOUNT_LOCKED" }
  | { ok: false; code: "BLOCKED_BY_RISK" }
  | { ok: false; code: "RATE_LIMITED"; retryAfterSeconds: number; untilReset: boolean };

let dummyHash: Promise<string> | undefined;

export async function signInWithPassword(opts: {
  email: string;
  password: string;
  rememberMe: boolean;
  deviceCookieId: string;
  client: ClientInfo;
  /** Same-origin path to return to after a second factor. */
  returnTo?: string;
}): Promise<SignInResult> {
  const startedAt = performance.now();
  const emailNormalized = opts.email.trim().toLowerCase();
  const ipKey = rateLimitIpSubject(opts.client.ip);
  const attempt = { emailNormalized, method: "PASSWORD" as const, ...attemptContext(opts.client) };

  // Count the attempt BEFORE checking the password, so a burst of parallel guesses cannot all pass
  // a read-only check; a success resets the account counter and refunds the IP's hit. Throttled by
  // the address as typed, so unknown addresses are throttled exactly like known ones.
  const [byAccount, byIp] = await Promise.all([
    consumeRateLimit(db, "signInAccount", emailNormalized),
    consumeRateLimit(db, "signInIp", ipKey),
  ]);
  const refused = [byAccount, byIp].find((d) => !d.allowed);
  if (refused && !refused.allowed) {
    const user = await db.user.findUnique({ where: { emailNormalized }, select: { id: true } });
    await db.$transaction(async (tx) => {
      await tx.signInAttempt.create({ data: { ...attempt, userId: user?.id, result: "THROTTLED" } });
      await writeAuditEvent(tx, {
        type: "auth.sign_in_throttled",
        actorRole: "ANONYMOUS",
        subjectUserId: user?.id,
        ip: opts.client.ip,
        userAgent: opts.client.userAgent,
        metadata: { locked: refused.locked },
      });
    });
    return {
      ok: false,
      code: "RATE_LIMITED",
      retryAfterSeconds: refused.retryAfterSeconds,
      untilReset: refused.untilReset === true,
    };
  }

  const user = await db.user.findUnique({
    where: { emailNormalized },
    // Roles and authenticator come along: the second-factor decision needs them after the password.
    include: {
      passwordCredential: true,
      roles: { select: { role: true } },
      totpFactor: { select: { confirmedAt: true } },
    },
  });
  dummyHash ??= hashPassword("dummy password for timing equality");
  const valid = await verifyPassword(user?.passwordCredential?.hash ?? (await dummyHash), opts.password);
  if (!user || !user.passwordCredential || !valid) {
    await db.$transaction(async (tx) => {
      await tx.signInAttempt.create({
        data: { ...attempt, userId: user?.id, result: "INVALID_CREDENTIALS" },
      });
      await writeAuditEvent(tx, {
        type: "auth.sign_in_failed",
        actorRole: "ANONYMOUS",
        subjectUserId: user?.id,
        ip: opts.client.ip,
        userAgent: opts.client.userAgent,
        metadata: { method: "PASSWORD", reason: user ? "wrong_password" : "unknown_account" },
      });
    });
    await padResponse(startedAt, RESPONSE_FLOOR_MS.signInFailure);
    return { ok: false, code: "INVALID_CREDENTIALS" };
  }
  await Promise.all([
    resetRateLimit(db, "signInAccount", emailNormalized),
    refundRateLimitHit(db, "signInIp", ipKey),
  ]);
  if (user.status === "LOCKED") {
    await db.signInAttempt.create({ data: { ...attempt, userId: user.id, result: "ACCOUNT_LOCKED" } });
    return { ok: false, code: "ACCOUNT_LOCKED" };
  }

  const decision = await decideSecondFactor({
    user: {
      id: user.id,
      roles: user.roles.map((r) => r.role),
      hasConfirmedTotp: Boolean(user.totpFactor?.confirmedAt),
    },
    client: opts.client,
    deviceCookieId: opts.deviceCookieId,
  });
  // Every decision is audited with its signals, in words a support agent reads (de and en).
  await writeAuditEvent(db, {
    type: "auth.risk_assessed",
    actorRole: "SYSTEM",
    subjectUserId: user.id,
    ip: opts.client.ip,
    userAgent: opts.client.userAgent,
    metadata: riskAuditMetadata(decision.risk),
  });
  if (decision.blocked) return blockSignIn({ user, decision, attempt, client: opts.client });
  if (decision.required && decision.factors.length > 0) {
    // During the deletion grace period the second factor leads to the page offering to cancel.
    const returnTo = user.status === "PENDING_DELETION" ? DELETION_PENDING_PATH : opts.returnTo;
    return startSecondFactor({ ...opts, returnTo, user, decision, attempt });
  }
  const session = await completeSignIn({
    user,
    rememberMe: opts.rememberMe,
    deviceCookieId: opts.deviceCookieId,
    client: opts.client,
  });
  return { ok: true, session, userId: user.id };
}

/**
 * No session yet: a pending sign-in that /login/verify completes with one of the allowed factors.
 * Also used by a passkey sign-in without user verification (one factor) when a second is needed.
 */
export async function startSecondFactor(opts: {
  user: { id: string; email: string; locale: string };
  firstFactor?: PendingFirstFactor;
  decision: SecondFactorDecision;
  attempt: Omit<Prisma.SignInAttemptUncheckedCreateInput, "result">;
  rememberMe: boolean;
  returnTo?: string;
  client: ClientInfo;
}): Promise<Extract<SignInResult, { code: "SECOND_FACTOR_REQUIRED" }>> {
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
    const pending = await createPendingSignIn(tx, {
      userId: user.id,
      firstFactor: opts.firstFactor,
      signInAttemptId: attempt.id,
      factors: decision.factors,
      riskLevel: decision.riskLevel ?? "LOW",
      rememberMe: opts.rememberMe,
      returnTo: opts.returnTo ?? null,
      client,
    });
    await writeAuditEvent(tx, {
      type: "auth.second_factor_required",
      actorRole: "ANONYMOUS",
      subjectUserId: user.id,
      ip: client.ip,
      userAgent: client.userAgent,
      metadata: {
        reason: decision.reason,
        factors: decision.factors.join(","),
        firstFactor: opts.firstFactor ?? "PASSWORD",
      },
    });
    return pending;
  });
  // Only an email code needs sending; the person chose when to open their authenticator app.
  if (decision.factors[0] === "EMAIL_CODE") {
    await sendSignInEmailCode({ pendingSignInId: pending.id, user, client });
  }
  return {
    ok: false,
    code: "SECOND_FACTOR_REQUIRED",
    pendingToken: pending.token,
    expiresAt: pending.expiresAt,
  };
}
