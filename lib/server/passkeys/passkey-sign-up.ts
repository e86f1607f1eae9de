import "server-only";
/**
 * Passkey-only sign-up: an address, the terms, then the browser creates a passkey; no password.
 *
 * No enumeration (docs/decisions/0005, 0006): the first step looks nothing up, so the options come
 * back alike for new and existing addresses. The second step answers "check your mail" in both
 * cases, padded to the registration floor: a new address gets an unverified account holding the
 * passkey plus the verify-email mail; an existing one gets the registration-attempt mail and the
 * new credential is discarded. What links the two steps is a signed, short-lived token (address,
 * language, user handle, challenge), so no half-made account exists between them.
 */
import type {
  PublicKeyCredentialCreationOptionsJSON,
  RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/db-retry";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { RESPONSE_FLOOR_MS, withResponseFloor } from "@/lib/server/identity/response-floor";
import { issueToken } from "@/lib/server/identity/tokens";
import { consumeRateLimit, rateLimitIpSubject } from "@/lib/server/rate-limit/rate-limit";
import type { ClientInfo } from "@/lib/server/request/client-info";
import {
  notifyRegistrationAttempt,
  recordRegistrationConsent,
  registrationPayload,
  sendVerificationMail,
} from "@/lib/server/identity/registration-steps";
import { CHALLENGE_TTL_MS, issueChallenge } from "./challenges";
import { purposeMac, sameMac } from "@/lib/server/crypto/purpose-mac";
import {
  buildRegistrationOptions,
  newWebAuthnUserId,
  storePasskey,
  verifyPasskeyRegistration,
  type VerifiedPasskey,
} from "./passkey-registration";
import { customerActor } from "@/lib/server/actor";

type Pending = { email: string; locale: "de" | "en"; webauthnUserId: string; challenge: string; exp: number };

function sign(payload: string): string {
  return purposeMac("portal/passkey-sign-up/v1", payload);
}

function encodePending(pending: Pending): string {
  const payload = Buffer.from(JSON.stringify(pending)).toString("base64url");
  return `${payload}.${sign(payload)}`;
}

function decodePending(token: string, now: number): Pending | null {
  const [payload, mac] = token.split(".");
  if (!payload || !mac) return null;
  if (!sameMac(sign(payload), mac)) return null;
  try {
    const pending = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Pending;
    return pending.exp > now ? pending : null;
  } catch {
    return null;
  }
}

export type StartPasskeySignUpResult =
  | { ok: true; options: PublicKeyCredentialCreationOptionsJSON; pendingToken: string }
  | { ok: false; code: "RATE_LIMITED"; retryAfterSeconds: number };

export async function startPasskeySignUp(opts: {
  email: string;
  locale: "de" | "en";
  client: ClientInfo;
}): Promise<StartPasskeySignUpResult> {
  const limit = await consumeRateLimit({ policy: "register", subject: rateLimitIpSubject(opts.client.ip) });
  if (!limit.allowed) return { ok: false, code: "RATE_LIMITED", retryAfterSeconds: limit.retryAfterSeconds };
  const email = opts.email.trim();
  const webauthnUserId = newWebAuthnUserId();
  const options = await buildRegistrationOptions({
    webauthnUserId,
    userName: email,
    displayName: email,
    exclude: [],
  });
  await issueChallenge({ purpose: "REGISTRATION", challenge: options.challenge, userId: null });
  const pendingToken = encodePending({
    email,
    locale: opts.locale,
    webauthnUserId,
    challenge: options.challenge,
    exp: Date.now() + CHALLENGE_TTL_MS,
  });
  return { ok: true, options, pendingToken };
}

export type FinishPasskeySignUpResult = { ok: true } | { ok: false; code: "NOT_VERIFIED" };

export async function finishPasskeySignUp(opts: {
  pendingToken: string;
  response: RegistrationResponseJSON;
  client: ClientInfo;
  /** The registering browser (lib/auth/registration-cookie.ts), stored with the verification link. */
  registration?: { email: string; binding: string } | null;
}): Promise<FinishPasskeySignUpResult> {
  const pending = decodePending(opts.pendingToken, Date.now());
  if (!pending) return { ok: false, code: "NOT_VERIFIED" };
  return withResponseFloor(RESPONSE_FLOOR_MS.register, async () => {
    const verified = await verifyPasskeyRegistration({
      response: opts.response,
      challengeUserId: null,
      expectedChallenge: pending.challenge,
    });
    if (!verified) return { ok: false, code: "NOT_VERIFIED" } as const;
    const emailNormalized = pending.email.toLowerCase();
    const existing = await db.user.findUnique({ where: { emailNormalized } });
    if (existing) {
      await notifyRegistrationAttempt(existing, { method: "PASSKEY", client: opts.client });
      return { ok: true } as const;
    }
    const created = await createPasskeyAccount(
      pending,
      verified,
      opts.client,
      // The cookie set at step 1 names this address, unless another sign-up started since.
      opts.registration?.email.trim().toLowerCase() === emailNormalized
        ? opts.registration.binding
        : undefined,
    ).catch((error: unknown) => {
      // A parallel sign-up of the same address won the unique index: the same answer as above.
      if (isUniqueViolation(error)) return null;
      throw error;
    });
    if (!created) return { ok: true } as const;
    const { user, token } = created;
    sendVerificationMail({ to: user.email, locale: pending.locale, token });
    return { ok: true } as const;
  });
}

async function createPasskeyAccount(
  pending: Pending,
  verified: VerifiedPasskey,
  client: ClientInfo,
  browserBinding: string | undefined,
) {
  const emailNormalized = pending.email.toLowerCase();
  return db.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: {
        email: pending.email,
        emailNormalized,
        locale: pending.locale,
        webauthnUserId: pending.webauthnUserId,
        roles: { create: { role: "CUSTOMER" } },
        communicationPreference: { create: {} },
      },
    });
    await recordRegistrationConsent({ userId: user.id, locale: pending.locale, client }, { tx });
    const passkey = await storePasskey({ userId: user.id, passkey: verified, client }, { tx });
    const token = await issueToken(
      { userId: user.id, purpose: "EMAIL_VERIFICATION", payload: registrationPayload(browserBinding) },
      { tx },
    );
    await writeAuditEvent(tx, {
      type: "auth.passkey_signed_up",
      actor: customerActor(user.id, client),
      subject: user.id,
      target: { type: "Passkey", id: passkey.id },
      metadata: { method: "PASSKEY", deviceType: verified.deviceType },
    });
    return { user, token };
  });
}
