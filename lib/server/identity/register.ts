import "server-only";
/**
 * Registration with email and password. The answer is the same whether or not the address already
 * has an account ("check your mail"): a new address gets a verification link, an existing one a
 * note that someone tried to register it. Nobody is signed in here, so the two cases look alike.
 */
import { hashPassword } from "@/lib/server/passwords/password-hash";
import { db } from "@/lib/db";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { checkPasswordPolicy, type PasswordRejectReason } from "@/lib/server/passwords/common-passwords";
import { passwordContextWords } from "@/lib/server/passwords/context-words";
import { rateLimitIpSubject } from "@/lib/server/rate-limit/ip-subject";
import { consumeRateLimit } from "@/lib/server/rate-limit/rate-limit";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { RESPONSE_FLOOR_MS, withResponseFloor } from "./response-floor";
import {
  notifyRegistrationAttempt,
  recordRegistrationConsent,
  registrationPayload,
  sendVerificationMail,
} from "./registration-steps";
import { discardReplacedRegistration } from "./pending-registration";
import { issueToken } from "./tokens";
import { customerActor } from "@/lib/server/actor";

export type RegisterResult =
  | { ok: true }
  | { ok: false; code: "RATE_LIMITED"; retryAfterSeconds: number }
  | { ok: false; code: "PASSWORD_REJECTED"; reason: PasswordRejectReason };

export async function registerWithPassword(opts: {
  email: string;
  password: string;
  locale: "de" | "en";
  client: ClientInfo;
  /** The registering browser (lib/auth/registration-cookie.ts), stored with the verification link. */
  browserBinding?: string;
  /** "Falsche Adresse? Ändern": the sign-up this browser made before, to discard (decision 0056). */
  replacing?: { email: string; browserBinding: string };
}): Promise<RegisterResult> {
  const emailNormalized = opts.email.trim().toLowerCase();
  const limit = await consumeRateLimit({ policy: "register", subject: rateLimitIpSubject(opts.client.ip) });
  if (!limit.allowed) return { ok: false, code: "RATE_LIMITED", retryAfterSeconds: limit.retryAfterSeconds };

  const policy = await checkPasswordPolicy({
    password: opts.password,
    email: emailNormalized,
    contextWords: passwordContextWords(),
  });
  if (!policy.ok) return { ok: false, code: "PASSWORD_REJECTED", reason: policy.reason };

  return withResponseFloor(RESPONSE_FLOOR_MS.register, async () => {
    if (opts.replacing) await discardReplacedRegistration({ ...opts.replacing, client: opts.client });
    return createOrNotify(opts, emailNormalized);
  });
}

async function createOrNotify(
  opts: { email: string; password: string; locale: "de" | "en"; client: ClientInfo; browserBinding?: string },
  emailNormalized: string,
): Promise<RegisterResult> {
  const passwordHash = await hashPassword(opts.password);
  const existing = await db.user.findUnique({ where: { emailNormalized } });
  if (existing) {
    await notifyRegistrationAttempt(existing, { method: "PASSWORD", client: opts.client });
    return { ok: true };
  }

  const { user, token } = await db.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: {
        email: opts.email.trim(),
        emailNormalized,
        locale: opts.locale,
        roles: { create: { role: "CUSTOMER" } },
        passwordCredential: { create: { hash: passwordHash } },
        communicationPreference: { create: {} },
      },
    });
    await recordRegistrationConsent({ userId: user.id, locale: opts.locale, client: opts.client }, { tx });
    const token = await issueToken(
      { userId: user.id, purpose: "EMAIL_VERIFICATION", payload: registrationPayload(opts.browserBinding) },
      { tx },
    );
    await writeAuditEvent(tx, {
      type: "auth.registered",
      actor: customerActor(user.id, opts.client),
      subject: user.id,
      metadata: { method: "PASSWORD" },
    });
    return { user, token };
  });
  sendVerificationMail({ to: user.email, locale: opts.locale, token });
  return { ok: true };
}
