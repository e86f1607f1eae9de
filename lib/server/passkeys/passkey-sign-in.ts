import "server-only";
/**
 * A usernameless passkey sign-in, end to end: IP throttling, assertion, then the same device,
 * session, history and audit writes as the other methods (identity/social-session.ts), so the
 * security page and the risk engine see one kind of sign-in whatever the method.
 */
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { db } from "@/lib/db";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { riskAuditMetadata } from "@/lib/auth/risk/assess";
import { attemptContext, recordSignIn, sendNewDeviceNotice } from "@/lib/server/identity/complete-sign-in";
import { blockSignIn } from "@/lib/server/identity/risk-block";
import { DELETION_PENDING_PATH } from "@/lib/server/privacy/account-deletion";
import { decideSecondFactor } from "@/lib/server/identity/second-factor-decision";
import { startSecondFactor } from "@/lib/server/identity/sign-in";
import { consumeRateLimit, rateLimitIpSubject, refundRateLimitHit } from "@/lib/server/rate-limit/rate-limit";
import type { ClientInfo } from "@/lib/server/request/client-info";
import type { NewSession } from "@/lib/server/sessions/sessions";
import { verifyPasskeyAssertion } from "./passkey-authentication";

export type PasskeySignInResult =
  | { ok: true; session: NewSession; userId: string }
  | { ok: false; code: "SECOND_FACTOR_REQUIRED"; pendingToken: string; expiresAt: Date }
  | { ok: false; code: "RATE_LIMITED"; retryAfterSeconds: number }
  | { ok: false; code: "INVALID_CREDENTIALS" | "ACCOUNT_LOCKED" | "BLOCKED_BY_RISK" };

export async function signInWithPasskey(opts: {
  response: AuthenticationResponseJSON;
  deviceCookieId: string;
  client: ClientInfo;
  /** Where /login/verify continues to when a second factor is needed (same-origin path). */
  returnTo?: string;
}): Promise<PasskeySignInResult> {
  const { client } = opts;
  const attempt = { ...attemptContext(client), method: "PASSKEY" as const };
  // Counted before verifying (as for passwords): parallel forged assertions cannot all slip past
  // a read-only check. There is no account counter: the credential, not a typed name, picks the
  // account, and an attacker without the private key cannot target one.
  const ipKey = rateLimitIpSubject(client.ip);
  const limit = await consumeRateLimit(db, "signInIp", ipKey);
  if (!limit.allowed) {
    await db.signInAttempt.create({ data: { ...attempt, result: "THROTTLED" } });
    return { ok: false, code: "RATE_LIMITED", retryAfterSeconds: limit.retryAfterSeconds };
  }

  const verified = await verifyPasskeyAssertion(db, opts.response);
  if (!verified.ok) {
    await db.$transaction(async (tx) => {
      await tx.signInAttempt.create({
        data: { ...attempt, userId: verified.userId, result: "INVALID_CREDENTIALS" },
      });
      await writeAuditEvent(tx, {
        type: "auth.passkey_sign_in_failed",
        actorRole: "ANONYMOUS",
        subjectUserId: verified.userId ?? undefined,
        ip: client.ip,
        userAgent: client.userAgent,
        metadata: {
          method: "PASSKEY",
          reason: verified.userId ? "assertion_rejected" : "unknown_credential",
        },
      });
    });
    return { ok: false, code: "INVALID_CREDENTIALS" };
  }
  await refundRateLimitHit(db, "signInIp", ipKey);
  const { user } = verified;
  if (user.status === "LOCKED") {
    await db.signInAttempt.create({ data: { ...attempt, userId: user.id, result: "ACCOUNT_LOCKED" } });
    return { ok: false, code: "ACCOUNT_LOCKED" };
  }

  // The risk engine weighs a passkey sign-in like any other: "block and notify" stops it as it
  // would a password (docs/decisions/0008). A user-verified passkey already is two factors, so
  // "second factor" asks nothing more of it; a passkey without user verification is one factor
  // and gets the second step a password would get.
  const decision = await decideSecondFactor({
    user: {
      id: user.id,
      roles: user.roles.map((r) => r.role),
      hasConfirmedTotp: Boolean(user.totpFactor?.confirmedAt),
    },
    client,
    deviceCookieId: opts.deviceCookieId,
  });
  await writeAuditEvent(db, {
    type: "auth.risk_assessed",
    actorRole: "SYSTEM",
    subjectUserId: user.id,
    ip: client.ip,
    userAgent: client.userAgent,
    metadata: riskAuditMetadata(decision.risk),
  });
  if (decision.blocked) {
    await blockSignIn({ user, decision, attempt, client });
    return { ok: false, code: "BLOCKED_BY_RISK" };
  }
  if (!verified.userVerified && decision.required && decision.factors.length > 0) {
    const returnTo = user.status === "PENDING_DELETION" ? DELETION_PENDING_PATH : opts.returnTo;
    return startSecondFactor({
      user,
      firstFactor: "PASSKEY",
      decision,
      attempt,
      rememberMe: false,
      returnTo,
      client,
    });
  }

  // Possession of the key plus user verification (PIN/biometric) is two factors: AAL2, no second
  // step. Without user verification it is one factor, AAL1.
  const opened = await db.$transaction((tx) =>
    recordSignIn(tx, {
      user,
      rememberMe: false,
      deviceCookieId: opts.deviceCookieId,
      client,
      firstFactor: "PASSKEY",
      aal: verified.userVerified ? 2 : 1,
      audit: {
        type: "auth.passkey_signed_in",
        targetType: "Passkey",
        targetId: verified.passkeyId,
        metadata: { userVerified: verified.userVerified },
      },
    }),
  );
  sendNewDeviceNotice(opened, client);
  return { ok: true, session: opened.session, userId: user.id };
}
