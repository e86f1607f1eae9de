"use server";

import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/server";
import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { setPendingSignInCookie } from "@/lib/auth/pending-sign-in-cookie";
import { refuseUnprovenAddress } from "@/lib/auth/proven-address";
import { readDeviceCookie, setDeviceCookie, setSessionCookie } from "@/lib/auth/session-cookie";
import { requireUser } from "@/lib/auth/session";
import { requireRecentAuth } from "@/lib/auth/step-up";
import {
  actionFailure,
  actionOk,
  rateLimitedFailure,
  validationFailed,
  type ActionResult,
} from "@/lib/errors";
import { CallbackUrlSchema } from "@/lib/schemas/auth";
import {
  AuthenticationResponseSchema,
  PasskeyIdSchema,
  PasskeySignUpSchema,
  RegistrationResponseSchema,
  RenamePasskeySchema,
  type PasskeySignUpInput,
  type RenamePasskeyInput,
} from "@/lib/schemas/passkeys";
import { newDeviceCookieId } from "@/lib/server/devices/devices";
import { addPasskey, removePasskey, renamePasskey } from "@/lib/server/passkeys/manage-passkeys";
import { passkeyAuthenticationOptions } from "@/lib/server/passkeys/passkey-authentication";
import { passkeyRegistrationOptions } from "@/lib/server/passkeys/passkey-registration";
import { signInWithPasskey } from "@/lib/server/passkeys/passkey-sign-in";
import { finishPasskeySignUp, startPasskeySignUp } from "@/lib/server/passkeys/passkey-sign-up";
import { DELETION_PENDING_PATH } from "@/lib/server/privacy/account-deletion";
import { currentActor } from "@/lib/auth/actor";
import { getClientInfo } from "@/lib/auth/client-info";
import {
  newRegistrationCookie,
  readRegistrationCookie,
  setRegistrationCookie,
} from "@/lib/auth/registration-cookie";
import { toSafeRelativePath } from "@/lib/http/safe-path";
import { toLocale } from "@/lib/i18n/config";

const SECURITY = "/account/security";

/**
 * Adding or removing a passkey needs a recent authentication with the account's strongest factor
 * (lib/auth/step-up.ts, docs/decisions/0024).
 */
export type PasskeyActionResult<T> = ActionResult<T>;

/** Refused while the address is unproven (docs/decisions/0018), before any step-up. */
export async function startPasskeyRegistrationAction(): Promise<
  PasskeyActionResult<PublicKeyCredentialCreationOptionsJSON>
> {
  const refused = refuseUnprovenAddress(await requireUser({ returnTo: SECURITY }));
  if (refused) return refused;
  const auth = await requireRecentAuth({ returnTo: SECURITY, strength: "strongest" });
  if (!auth.ok) return auth.failure;
  const { user } = auth;
  return actionOk(await passkeyRegistrationOptions(user));
}

export async function finishPasskeyRegistrationAction(
  response: unknown,
): Promise<PasskeyActionResult<{ name: string }>> {
  const refused = refuseUnprovenAddress(await requireUser({ returnTo: SECURITY }));
  if (refused) return refused;
  const auth = await requireRecentAuth({ returnTo: SECURITY, strength: "strongest" });
  if (!auth.ok) return auth.failure;
  const { user } = auth;
  const parsed = RegistrationResponseSchema.safeParse(response);
  if (!parsed.success) return actionFailure("VALIDATION_FAILED", { message: "passkeys.failed" });
  const result = await addPasskey(await currentActor(user), parsed.data);
  if (!result.ok) {
    return actionFailure("VALIDATION_FAILED", {
      message: result.code === "ALREADY_REGISTERED" ? "passkeys.manage.alreadyRegistered" : "passkeys.failed",
    });
  }
  revalidatePath(SECURITY);
  return actionOk({ name: result.name });
}

export async function renamePasskeyAction(input: RenamePasskeyInput): Promise<ActionResult<null>> {
  const user = await requireUser({ returnTo: SECURITY });
  const parsed = RenamePasskeySchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  if (!(await renamePasskey(await currentActor(user), parsed.data))) return actionFailure("NOT_FOUND");
  revalidatePath(SECURITY);
  return actionOk(null);
}

export async function removePasskeyAction(input: { passkeyId: string }): Promise<PasskeyActionResult<null>> {
  const auth = await requireRecentAuth({ returnTo: SECURITY, strength: "strongest" });
  if (!auth.ok) return auth.failure;
  const { user } = auth;
  const parsed = PasskeyIdSchema.safeParse(input);
  if (!parsed.success) return actionFailure("NOT_FOUND");
  const result = await removePasskey(await currentActor(user), parsed.data.passkeyId);
  if (!result.ok) {
    if (result.code === "NOT_FOUND") return actionFailure("NOT_FOUND");
    return actionFailure("FORBIDDEN", { message: "passkeys.manage.lastMethod" });
  }
  revalidatePath(SECURITY);
  return actionOk(null);
}

/** /login: options for the button and for autofill (conditional UI); anyone may ask. */
export async function startPasskeySignInAction(): Promise<
  ActionResult<PublicKeyCredentialRequestOptionsJSON>
> {
  return actionOk(await passkeyAuthenticationOptions());
}

export async function finishPasskeySignInAction(input: {
  response: unknown;
  callbackUrl?: string;
}): Promise<ActionResult<{ redirectTo: string }>> {
  const parsed = AuthenticationResponseSchema.safeParse(input.response);
  if (!parsed.success) return actionFailure("UNAUTHENTICATED", { message: "passkeys.signIn.failed" });
  const deviceCookieId = (await readDeviceCookie()) ?? newDeviceCookieId();
  const callbackUrl = CallbackUrlSchema.parse(input.callbackUrl);
  const result = await signInWithPasskey({
    response: parsed.data,
    deviceCookieId,
    client: await getClientInfo(),
    returnTo: callbackUrl,
  });
  await setDeviceCookie(deviceCookieId);
  if (!result.ok && result.code === "SECOND_FACTOR_REQUIRED") {
    // A passkey without user verification is one factor; the risk engine wants a second one.
    await setPendingSignInCookie(result.pendingToken);
    return actionOk({ redirectTo: "/login/verify" });
  }
  if (!result.ok) {
    if (result.code === "RATE_LIMITED") return rateLimitedFailure(result.retryAfterSeconds);
    if (result.code === "BLOCKED_BY_RISK")
      return actionFailure("FORBIDDEN", { signInReasons: result.reasons });
    if (result.code === "ACCOUNT_LOCKED")
      return actionFailure("FORBIDDEN", { message: "auth.login.accountLocked" });
    return actionFailure("UNAUTHENTICATED", { message: "passkeys.signIn.failed" });
  }
  await setSessionCookie(result.session);
  // During the deletion grace period every sign-in lands where it can be cancelled.
  if (result.landing.deletionPending) return actionOk({ redirectTo: DELETION_PENDING_PATH });
  // Returned, not redirect()ed: the autofill flow runs outside a form and navigates itself.
  return actionOk({ redirectTo: toSafeRelativePath(callbackUrl, result.landing.home) });
}

/** /register, passkey only: step 1 answers alike for new and existing addresses (no lookup). */
export async function startPasskeySignUpAction(
  input: PasskeySignUpInput,
): Promise<ActionResult<{ options: PublicKeyCredentialCreationOptionsJSON; pendingToken: string }>> {
  const parsed = PasskeySignUpSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  const locale = toLocale(await getLocale());
  const result = await startPasskeySignUp({
    email: parsed.data.email,
    locale,
    client: await getClientInfo(),
  });
  if (!result.ok) return rateLimitedFailure(result.retryAfterSeconds);
  // Step 2 reads it back; the address in it is compared with the one the passkey is for.
  await setRegistrationCookie(newRegistrationCookie(parsed.data.email));
  return actionOk({ options: result.options, pendingToken: result.pendingToken });
}

export async function finishPasskeySignUpAction(input: {
  pendingToken: string;
  response: unknown;
}): Promise<ActionResult<{ redirectTo: string }>> {
  const parsed = RegistrationResponseSchema.safeParse(input.response);
  if (!parsed.success || typeof input.pendingToken !== "string" || input.pendingToken.length > 4096)
    return actionFailure("VALIDATION_FAILED", { message: "passkeys.failed" });
  const result = await finishPasskeySignUp({
    pendingToken: input.pendingToken,
    response: parsed.data,
    client: await getClientInfo(),
    registration: await readRegistrationCookie(),
  });
  if (!result.ok) return actionFailure("VALIDATION_FAILED", { message: "passkeys.failed" });
  // The same page as a password registration, new address or not (docs/decisions/0006).
  return actionOk({ redirectTo: "/register/check-email" });
}
