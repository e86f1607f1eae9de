import "server-only";
/**
 * Password sign-in. Unknown addresses, wrong passwords and throttled attempts are told apart only
 * where it reveals nothing: the caller shows one message for INVALID_CREDENTIALS whatever the reason,
 * and an unknown address costs the same argon2 verification as a known one.
 */
import { hashPassword, verifyPassword } from "@/lib/server/passwords/password-hash";
import { db } from "@/lib/db";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import type { ClientInfo } from "@/lib/server/request/client-info";
import type { NewSession } from "@/lib/server/sessions/sessions";
import { completeSignIn } from "./complete-sign-in";
import { DOOR_USER_RELATIONS, type SignInLanding } from "./door-user";
import { consumePasswordAttempt } from "./password-throttle";
import type { BlockedSignIn } from "./risk-block";
import { padResponse, RESPONSE_FLOOR_MS } from "./response-floor";
import { attemptContext } from "./sign-in-attempt";
import { anonymousActor } from "@/lib/server/actor";

// A required second factor is `ok: false` on purpose: a caller that does not know the step treats
// it as a failure and creates no session, which is the safe default.
export type SignInResult =
  | { ok: true; session: NewSession; userId: string; landing: SignInLanding }
  | { ok: false; code: "SECOND_FACTOR_REQUIRED"; pendingToken: string; expiresAt: Date }
  | { ok: false; code: "INVALID_CREDENTIALS" }
  | { ok: false; code: "ACCOUNT_LOCKED" }
  | BlockedSignIn
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
  const attempt = { emailNormalized, method: "PASSWORD" as const, ...attemptContext(opts.client) };

  // Counted BEFORE the password is checked (password-throttle.ts), by the address as typed, so
  // unknown addresses are throttled exactly like known ones; the owner's own browser has its own
  // bucket, so strangers' guesses cannot lock the owner out.
  const throttle = await consumePasswordAttempt({
    emailNormalized,
    deviceCookieId: opts.deviceCookieId,
    ip: opts.client.ip,
  });
  if (!throttle.allowed) {
    const user = await db.user.findUnique({ where: { emailNormalized }, select: { id: true } });
    await db.$transaction(async (tx) => {
      await tx.signInAttempt.create({ data: { ...attempt, userId: user?.id, result: "THROTTLED" } });
      await writeAuditEvent(tx, {
        type: "auth.sign_in_throttled",
        actor: anonymousActor(opts.client),
        subject: user?.id,
        metadata: { locked: throttle.locked },
      });
    });
    return {
      ok: false,
      code: "RATE_LIMITED",
      retryAfterSeconds: throttle.retryAfterSeconds,
      untilReset: throttle.untilReset,
    };
  }

  // With what the door needs (door-user.ts), so a correct password does not read the account twice.
  const user = await db.user.findUnique({
    where: { emailNormalized },
    include: { passwordCredential: { select: { hash: true } }, ...DOOR_USER_RELATIONS },
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
        actor: anonymousActor(opts.client),
        subject: user?.id,
        metadata: { method: "PASSWORD", reason: user ? "wrong_password" : "unknown_account" },
      });
    });
    await padResponse(startedAt, RESPONSE_FLOOR_MS.signInFailure);
    return { ok: false, code: "INVALID_CREDENTIALS" };
  }
  await throttle.succeeded();
  // Status, risk, block, second factor and session: the one door (complete-sign-in.ts).
  const outcome = await completeSignIn({
    userId: user.id,
    user,
    factor: { method: "PASSWORD" },
    emailNormalized,
    rememberMe: opts.rememberMe,
    deviceCookieId: opts.deviceCookieId,
    client: opts.client,
    returnTo: opts.returnTo,
  });
  if (!outcome.ok && outcome.code === "IDENTITY_IN_USE") throw new Error("no identity is linked here");
  return outcome;
}
