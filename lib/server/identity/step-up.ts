import "server-only";
/**
 * Re-authentication inside a session before a sensitive action (lib/auth/step-up.ts decides when).
 * The dialog opens with the strongest factor: a passkey if they have one; otherwise their
 * password, plus an authenticator code when the app is set up; an account with neither (social
 * sign-in only) gets a code by mail. "Andere Methode wählen" offers the account's other ways with
 * the pairs sign-in accepts (stepUpWaysFor, docs/decisions/0051); factor changes still need the
 * strongest, which lib/auth/step-up.ts checks on the session afterwards (docs/decisions/0024). Success moves the session's authenticatedAt to now and
 * gives the session a new token, so a token copied before the step-up does not carry its stronger
 * authentication (docs/decisions/0025). Failures count against a per-account limit like sign-in
 * (docs/decisions/0009).
 */
import {
  generateAuthenticationOptions,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/server";
import { verifyPassword } from "@/lib/server/passwords/password-hash";
import { hashToken, newSessionToken } from "@/lib/server/crypto/token-hash";
import { db } from "@/lib/db";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { checkEmailCode, sendEmailCode } from "@/lib/server/factors/email-codes";
import { acceptTotpCode } from "@/lib/server/factors/totp-factors";
import { issueChallenge } from "@/lib/server/passkeys/challenges";
import { verifyPasskeyAssertion } from "@/lib/server/passkeys/passkey-authentication";
import { transportsOf } from "@/lib/server/passkeys/passkey-registration";
import { relyingParty } from "@/lib/server/passkeys/relying-party";
import { consumeRateLimit, resetRateLimit } from "@/lib/server/rate-limit/rate-limit";
import type { AuthMethodName } from "@/lib/server/sessions/sessions";
import { meetsStrongestFactor, strongestFactorOf, type SessionAuthentication } from "./factor-strength";

import { consumeRecoveryCode } from "@/lib/server/factors/recovery-code-store";
import type { StepUpMethod, StepUpOptions, StepUpWay } from "@/lib/schemas/step-up";
import type { SessionActor } from "@/lib/server/actor";

export type { StepUpOptions };
/** The session's new token after a step-up, for the cookie (same lifetime as before). */
export type RotatedSession = { token: string; absoluteExpiresAt: Date; rememberMe: boolean };
export type StepUpResult =
  | { ok: true; session: RotatedSession }
  | { ok: false; code: "INVALID" | "WRONG_METHOD" }
  | { ok: false; code: "RATE_LIMITED"; retryAfterSeconds: number };

/** The one way this person confirms: their strongest factor. */
export async function stepUpOptionsFor(userId: string): Promise<StepUpOptions> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      passwordCredential: { select: { id: true } },
      totpFactor: { select: { confirmedAt: true } },
      _count: { select: { passkeys: true } },
    },
  });
  const totpRequired = Boolean(user.totpFactor?.confirmedAt);
  if (user._count.passkeys > 0) return { method: "passkey", totpRequired: false };
  if (user.passwordCredential) return { method: "password", totpRequired };
  return { method: "emailCode", totpRequired: false };
}

/** What a way proves once it succeeds: the session's methods and level, as sign-in records them. */
const PROOF: Record<StepUpWay, { methods: AuthMethodName[]; aal: 1 | 2 }> = {
  passkey: { methods: ["PASSKEY"], aal: 2 },
  passwordTotp: { methods: ["PASSWORD", "TOTP"], aal: 2 },
  passwordRecoveryCode: { methods: ["PASSWORD", "RECOVERY_CODE"], aal: 2 },
  passwordEmailCode: { methods: ["PASSWORD", "EMAIL_CODE"], aal: 2 },
  password: { methods: ["PASSWORD"], aal: 1 },
  emailCode: { methods: ["EMAIL_CODE"], aal: 1 },
};

/**
 * Every way this account can confirm, strongest first (docs/decisions/0051). The fallbacks are
 * the pairs sign-in accepts: with the app, its code or a recovery code after the password (a
 * mailbox is weaker than the factor the person chose, so no mailed code then); without it, the
 * password plus a mailed code where a passkey sets the bar (the password alone would let a phished
 * password undo the passkey). `strongestOnly` keeps the ways that satisfy the factor-change guard.
 */
export async function stepUpWaysFor(
  userId: string,
  opts: { strongestOnly?: boolean } = {},
): Promise<StepUpWay[]> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      passwordCredential: { select: { id: true } },
      totpFactor: { select: { confirmedAt: true } },
      _count: { select: { passkeys: true, recoveryCodes: { where: { usedAt: null } } } },
    },
  });
  const ways: StepUpWay[] = [];
  const hasPasskey = user._count.passkeys > 0;
  if (hasPasskey) ways.push("passkey");
  if (user.passwordCredential) {
    if (user.totpFactor?.confirmedAt) {
      ways.push("passwordTotp");
      if (user._count.recoveryCodes > 0) ways.push("passwordRecoveryCode");
    } else ways.push(hasPasskey ? "passwordEmailCode" : "password");
  } else if (!hasPasskey) ways.push("emailCode");
  if (!opts.strongestOnly) return ways;
  const strongest = await stepUpOptionsFor(userId);
  return ways.filter((way) =>
    meetsStrongestFactor({ authMethods: PROOF[way].methods, aal: PROOF[way].aal }, strongest),
  );
}

/**
 * Whether the session's last authentication matches the account's strongest factor (factor
 * changes need that, lib/auth/step-up.ts). A refusal is audited: with a recent session it is the
 * trace of someone trying to swap a factor with less than the strongest one.
 */
export async function checkStrongestFactor(
  actor: SessionActor,
  session: SessionAuthentication,
): Promise<boolean> {
  const options = await stepUpOptionsFor(actor.userId);
  if (meetsStrongestFactor(session, options)) return true;
  await db.$transaction((tx) =>
    writeAuditEvent(tx, {
      type: "auth.strong_auth_required",
      actor,
      subject: actor.userId,
      metadata: { required: strongestFactorOf(options), methods: [...session.authMethods] },
    }),
  );
  return false;
}

async function succeed(actor: SessionActor, methods: AuthMethodName[], aal: 1 | 2): Promise<StepUpResult> {
  const token = newSessionToken();
  const session = await db.$transaction(async (tx) => {
    // Only the caller's own, live session: a session id of someone else's matches nothing. The
    // token hash is replaced in the same update, so the old token stops working at that moment.
    const { count } = await tx.session.updateMany({
      where: { id: actor.sessionId, userId: actor.userId, revokedAt: null },
      data: { tokenHash: hashToken(token), authenticatedAt: new Date(), authMethods: methods, aal },
    });
    if (count !== 1) return null;
    await writeAuditEvent(tx, {
      type: "auth.step_up_succeeded",
      actor,
      subject: actor.userId,
      metadata: { methods },
    });
    return tx.session.findUniqueOrThrow({
      where: { id: actor.sessionId },
      select: { absoluteExpiresAt: true, rememberMe: true },
    });
  });
  if (!session) return { ok: false, code: "INVALID" };
  await resetRateLimit({ policy: "stepUp", subject: actor.userId });
  return { ok: true, session: { token, ...session } };
}

async function fail(actor: SessionActor, method: StepUpMethod, reason: string): Promise<StepUpResult> {
  await db.$transaction((tx) =>
    writeAuditEvent(tx, {
      type: "auth.step_up_failed",
      actor,
      subject: actor.userId,
      metadata: { method, reason },
    }),
  );
  return { ok: false, code: "INVALID" };
}

/** Counts the attempt before checking it, so parallel guesses cannot slip past the limit. */
async function spendAttempt(actor: SessionActor): Promise<StepUpResult | null> {
  const limit = await consumeRateLimit({ policy: "stepUp", subject: actor.userId });
  return limit.allowed
    ? null
    : { ok: false, code: "RATE_LIMITED", retryAfterSeconds: limit.retryAfterSeconds };
}

/** The second factor that comes with the password, and the way it makes. */
type PasswordSecond =
  | { way: "password" }
  | { way: "passwordTotp"; code: string }
  | { way: "passwordRecoveryCode"; code: string }
  | { way: "passwordEmailCode"; code: string };

function secondOf(input: { totpCode?: string; recoveryCode?: string; emailCode?: string }): PasswordSecond {
  if (input.totpCode) return { way: "passwordTotp", code: input.totpCode };
  if (input.recoveryCode) return { way: "passwordRecoveryCode", code: input.recoveryCode };
  if (input.emailCode) return { way: "passwordEmailCode", code: input.emailCode };
  return { way: "password" };
}

async function checkSecond(actor: SessionActor, second: PasswordSecond): Promise<string | null> {
  switch (second.way) {
    case "password":
      return null;
    case "passwordTotp":
      return (await acceptTotpCode({ userId: actor.userId, code: second.code })) ? null : "wrong_totp_code";
    case "passwordRecoveryCode": {
      const left = await db.$transaction((tx) =>
        consumeRecoveryCode({ userId: actor.userId, code: second.code, client: actor.client }, { tx }),
      );
      return left === null ? "wrong_recovery_code" : null;
    }
    case "passwordEmailCode": {
      const check = await checkEmailCode({ binding: { sessionId: actor.sessionId }, code: second.code });
      return check === "ok" ? null : `email_code_${check}`;
    }
  }
}

/**
 * The password with the second factor the account's way needs. A pair the account does not have
 * (a mailed code where the app is set up, the password alone where a passkey or the app sets the
 * bar) is refused like a wrong password: counted, audited, not explained.
 */
export async function stepUpWithPassword(
  actor: SessionActor,
  input: { password: string; totpCode?: string; recoveryCode?: string; emailCode?: string },
): Promise<StepUpResult> {
  const ways = await stepUpWaysFor(actor.userId);
  if (!ways.some((way) => way !== "passkey" && way !== "emailCode"))
    return { ok: false, code: "WRONG_METHOD" };
  const limited = await spendAttempt(actor);
  if (limited) return limited;
  const credential = await db.passwordCredential.findUnique({ where: { userId: actor.userId } });
  if (!credential || !(await verifyPassword(credential.hash, input.password)))
    return fail(actor, "password", "wrong_password");
  const second = secondOf(input);
  if (!ways.includes(second.way)) return fail(actor, "password", `not_allowed_${second.way}`);
  const wrong = await checkSecond(actor, second);
  if (wrong) return fail(actor, "password", wrong);
  return succeed(actor, PROOF[second.way].methods, PROOF[second.way].aal);
}

/** Options for the passkey prompt: only this person's passkeys, user verification required. */
export async function stepUpPasskeyOptions(userId: string): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const passkeys = await db.passkey.findMany({
    where: { userId },
    select: { credentialId: true, transports: true },
  });
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().rpID,
    allowCredentials: passkeys.map((p) => ({ id: p.credentialId, transports: transportsOf(p.transports) })),
    userVerification: "required",
  });
  await issueChallenge({ purpose: "STEP_UP", challenge: options.challenge, userId });
  return options;
}

export async function stepUpWithPasskey(
  actor: SessionActor,
  response: AuthenticationResponseJSON,
): Promise<StepUpResult> {
  const limited = await spendAttempt(actor);
  if (limited) return limited;
  const verified = await verifyPasskeyAssertion({ response, now: new Date(), stepUpUserId: actor.userId });
  if (!verified.ok || verified.user.id !== actor.userId) return fail(actor, "passkey", "assertion_rejected");
  if (!verified.userVerified) return fail(actor, "passkey", "no_user_verification");
  return succeed(actor, ["PASSKEY"], 2);
}

/**
 * Mails a code (the way of accounts without password or passkey, and the second half of
 * "password and e-mail code"); null when too many were sent. The code is
 * returned only for tests; callers never show it.
 */
export async function sendStepUpEmailCode(actor: SessionActor): Promise<string | null> {
  const limit = await consumeRateLimit({ policy: "stepUpEmailCodeSend", subject: actor.userId });
  if (!limit.allowed) return null;
  const user = await db.user.findUniqueOrThrow({
    where: { id: actor.userId },
    select: { id: true, email: true, locale: true },
  });
  return sendEmailCode({ binding: { sessionId: actor.sessionId }, user, client: actor.client });
}

export async function stepUpWithEmailCode(actor: SessionActor, code: string): Promise<StepUpResult> {
  const options = await stepUpOptionsFor(actor.userId);
  if (options.method !== "emailCode") return { ok: false, code: "WRONG_METHOD" };
  const limited = await spendAttempt(actor);
  if (limited) return limited;
  const check = await checkEmailCode({ binding: { sessionId: actor.sessionId }, code });
  if (check !== "ok") return fail(actor, "emailCode", `code_${check}`);
  return succeed(actor, ["EMAIL_CODE"], 1);
}
