import "server-only";
/**
 * The second step at /login/verify: checks an authenticator code, a recovery code or an email code
 * against the pending sign-in and, on success, hands it to the one door into a session
 * (complete-sign-in.ts), which opens it at AAL2.
 * Guesses are throttled per user with the `secondFactor` policy, counted before the check (as the
 * password step does), and every failure is recorded and audited.
 */
import { db } from "@/lib/db";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { checkSignInEmailCode, sendSignInEmailCode } from "@/lib/server/factors/email-codes";
import { consumeRecoveryCode } from "@/lib/server/factors/recovery-code-store";
import { acceptTotpCode } from "@/lib/server/factors/totp-factors";
import { consumeRateLimit, resetRateLimit } from "@/lib/server/rate-limit/rate-limit";
import type { ClientInfo } from "@/lib/server/request/client-info";
import type { NewSession } from "@/lib/server/sessions/sessions";
import { completeSecondFactor } from "./complete-sign-in";
import type { SecondFactorMethod } from "./sign-in-factors";
import { findPendingSignIn, type PendingSignInState } from "./pending-sign-in";
import { attemptContext } from "./sign-in-attempt";
import { proveMailboxBySignInCode } from "./sign-in-code-proof";
import { anonymousActor, customerActor } from "@/lib/server/actor";

export type VerifySecondFactorResult =
  | { ok: true; session: NewSession; returnTo: string | null; userId: string }
  | {
      ok: false;
      code: "EXPIRED" | "NOT_ALLOWED" | "INVALID_CODE" | "EMAIL_CODE_EXPIRED" | "EMAIL_CODE_LOCKED";
    }
  | { ok: false; code: "RATE_LIMITED"; retryAfterSeconds: number };

export async function verifySecondFactor(opts: {
  pendingToken: string | undefined;
  method: SecondFactorMethod;
  code: string;
  deviceCookieId: string;
  client: ClientInfo;
}): Promise<VerifySecondFactorResult> {
  const pending = await findPendingSignIn(opts.pendingToken);
  if (!pending) return { ok: false, code: "EXPIRED" };
  if (!pending.factors.includes(opts.method)) return { ok: false, code: "NOT_ALLOWED" };

  const limit = await consumeRateLimit({ policy: "secondFactor", subject: pending.userId });
  if (!limit.allowed) {
    await recordFailure(pending, opts, "throttled", "THROTTLED");
    return { ok: false, code: "RATE_LIMITED", retryAfterSeconds: limit.retryAfterSeconds };
  }

  const outcome = await checkFactor(pending, opts);
  if (outcome !== "ok") {
    await recordFailure(pending, opts, outcome, "SECOND_FACTOR_FAILED");
    if (outcome === "expired") return { ok: false, code: "EMAIL_CODE_EXPIRED" };
    if (outcome === "locked") return { ok: false, code: "EMAIL_CODE_LOCKED" };
    return { ok: false, code: "INVALID_CODE" };
  }
  // Single use: of two requests with valid codes only the first completes the sign-in.
  const session = await completeSecondFactor({
    pending,
    method: opts.method,
    deviceCookieId: opts.deviceCookieId,
    client: opts.client,
  });
  if (!session) return { ok: false, code: "EXPIRED" };
  // The code came by mail: it proves the mailbox, which verifies an unproven address (0057).
  if (opts.method === "EMAIL_CODE")
    await proveMailboxBySignInCode({
      userId: pending.userId,
      sessionId: session.id,
      firstFactor: pending.firstFactor,
      client: opts.client,
    });
  await resetRateLimit({ policy: "secondFactor", subject: pending.userId });
  await writeAuditEvent(db, {
    type: "auth.second_factor_succeeded",
    actor: customerActor(pending.userId, opts.client),
    subject: pending.userId,
    metadata: { method: opts.method },
  });
  return { ok: true, session, returnTo: pending.returnTo, userId: pending.user.id };
}

async function checkFactor(
  pending: PendingSignInState,
  opts: { method: SecondFactorMethod; code: string; client: ClientInfo },
): Promise<"ok" | "invalid" | "expired" | "locked"> {
  switch (opts.method) {
    case "TOTP":
      return (await acceptTotpCode({ userId: pending.userId, code: opts.code })) ? "ok" : "invalid";
    case "RECOVERY_CODE": {
      const left = await db.$transaction((tx) =>
        consumeRecoveryCode({ userId: pending.userId, code: opts.code, client: opts.client }, { tx }),
      );
      return left === null ? "invalid" : "ok";
    }
    case "EMAIL_CODE":
      return checkSignInEmailCode({ pendingSignInId: pending.id, code: opts.code });
  }
}

async function recordFailure(
  pending: PendingSignInState,
  opts: { method: SecondFactorMethod; client: ClientInfo },
  reason: string,
  result: "SECOND_FACTOR_FAILED" | "THROTTLED",
): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.pendingSignIn.update({ where: { id: pending.id }, data: { attempts: { increment: 1 } } });
    await tx.signInAttempt.create({
      data: {
        ...attemptContext(opts.client),
        userId: pending.userId,
        emailNormalized: pending.user.email.trim().toLowerCase(),
        method: pending.firstFactor,
        secondFactorMethod: opts.method,
        result,
      },
    });
    await writeAuditEvent(tx, {
      type: "auth.second_factor_failed",
      actor: anonymousActor(opts.client),
      subject: pending.userId,
      metadata: { method: opts.method, reason },
    });
  });
}

/** "Send the code again": a fresh code for a pending sign-in that allows email codes. */
export async function resendSignInEmailCode(opts: {
  pendingToken: string | undefined;
  client: ClientInfo;
}): Promise<
  | { ok: true }
  | { ok: false; code: "EXPIRED" | "NOT_ALLOWED" }
  | { ok: false; code: "RATE_LIMITED"; retryAfterSeconds: number }
> {
  const pending = await findPendingSignIn(opts.pendingToken);
  if (!pending) return { ok: false, code: "EXPIRED" };
  if (!pending.factors.includes("EMAIL_CODE")) return { ok: false, code: "NOT_ALLOWED" };
  const limit = await consumeRateLimit({ policy: "signInEmailCodeSend", subject: pending.id });
  if (!limit.allowed) return { ok: false, code: "RATE_LIMITED", retryAfterSeconds: limit.retryAfterSeconds };
  await sendSignInEmailCode({ pendingSignInId: pending.id, user: pending.user, client: opts.client });
  return { ok: true };
}
