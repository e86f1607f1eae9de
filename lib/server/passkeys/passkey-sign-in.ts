import "server-only";
/**
 * A usernameless passkey sign-in: IP throttling and the assertion here, then the one door into a
 * session (identity/complete-sign-in.ts) with its risk, block and second-factor rules, so the
 * security page and the risk engine see one kind of sign-in whatever the method.
 */
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { db } from "@/lib/db";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { completeSignIn } from "@/lib/server/identity/complete-sign-in";
import type { SignInLanding } from "@/lib/server/identity/door-user";
import type { BlockedSignIn } from "@/lib/server/identity/risk-block";
import { attemptContext } from "@/lib/server/identity/sign-in-attempt";
import { consumeRateLimit, rateLimitIpSubject, refundRateLimitHit } from "@/lib/server/rate-limit/rate-limit";
import type { ClientInfo } from "@/lib/server/request/client-info";
import type { NewSession } from "@/lib/server/sessions/sessions";
import { verifyPasskeyAssertion } from "./passkey-authentication";
import { anonymousActor } from "@/lib/server/actor";

export type PasskeySignInResult =
  | { ok: true; session: NewSession; userId: string; landing: SignInLanding }
  | { ok: false; code: "SECOND_FACTOR_REQUIRED"; pendingToken: string; expiresAt: Date }
  | { ok: false; code: "RATE_LIMITED"; retryAfterSeconds: number }
  | BlockedSignIn
  | { ok: false; code: "INVALID_CREDENTIALS" | "ACCOUNT_LOCKED" };

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
  // account, and an attacker without the private key cannot target one. The bucket is the
  // passkeys' own, so password guesses from the same network never block a passkey (0022).
  const ipKey = rateLimitIpSubject(client.ip);
  const limit = await consumeRateLimit({ policy: "passkeySignInIp", subject: ipKey });
  if (!limit.allowed) {
    await db.signInAttempt.create({ data: { ...attempt, result: "THROTTLED" } });
    return { ok: false, code: "RATE_LIMITED", retryAfterSeconds: limit.retryAfterSeconds };
  }

  const verified = await verifyPasskeyAssertion({ response: opts.response });
  if (!verified.ok) {
    await db.$transaction(async (tx) => {
      await tx.signInAttempt.create({
        data: { ...attempt, userId: verified.userId, result: "INVALID_CREDENTIALS" },
      });
      await writeAuditEvent(tx, {
        type: "auth.passkey_sign_in_failed",
        actor: anonymousActor(client),
        subject: verified.userId ?? undefined,
        metadata: {
          method: "PASSKEY",
          reason: verified.userId ? "assertion_rejected" : "unknown_credential",
        },
      });
    });
    return { ok: false, code: "INVALID_CREDENTIALS" };
  }
  await refundRateLimitHit({ policy: "passkeySignInIp", subject: ipKey });
  // A user-verified passkey (possession plus PIN or biometric) already is two factors: the door
  // asks nothing more of it, but still refuses a locked account and blocks a high risk. Without
  // user verification it is one factor and gets the second step a password would get.
  const outcome = await completeSignIn({
    userId: verified.user.id,
    user: verified.user,
    factor: { method: "PASSKEY", passkeyId: verified.passkeyId, userVerified: verified.userVerified },
    deviceCookieId: opts.deviceCookieId,
    client,
    returnTo: opts.returnTo,
  });
  if (!outcome.ok && outcome.code === "IDENTITY_IN_USE") throw new Error("no identity is linked here");
  return outcome;
}
