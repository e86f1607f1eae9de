"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { currentActor } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/session";
import { requireRecentAuth } from "@/lib/auth/step-up";
import {
  actionFailure,
  actionOk,
  rateLimitedFailure,
  validationFailed,
  type ActionResult,
} from "@/lib/errors";
import {
  ChangeEmailSchema,
  PASSWORD_REASON_KEYS,
  SessionIdSchema,
  type ChangeEmailInput,
} from "@/lib/schemas/auth";
import { ChangePasswordSchema, type ChangePasswordInput } from "@/lib/schemas/step-up";
import { changePassword } from "@/lib/server/identity/change-password";
import {
  requestEmailChange,
  signOutOtherSessions,
  signOutSession,
} from "@/lib/server/identity/account-security";
import { resendVerificationMail } from "@/lib/server/identity/email-verification";

const SECURITY = "/account/security";

// Signing this browser out is app/logout/route.ts: a route handler, so it ends in a full page load.

export async function signOutSessionAction(formData: FormData): Promise<void> {
  const parsed = SessionIdSchema.safeParse({ sessionId: formData.get("sessionId") });
  const actor = await currentActor(await requireUser({ returnTo: SECURITY }));
  if (parsed.success) await signOutSession(actor, parsed.data.sessionId);
  revalidatePath(SECURITY);
  redirect(`${SECURITY}?notice=session-signed-out`);
}

export async function signOutOtherSessionsAction(): Promise<void> {
  const count = await signOutOtherSessions(await currentActor(await requireUser({ returnTo: SECURITY })));
  revalidatePath(SECURITY);
  redirect(`${SECURITY}?notice=others-signed-out&count=${count}`);
}

/**
 * Needs a recent authentication (step-up) with the strongest factor the account has, so accounts
 * with only a passkey or a social identity can change their address too. The address receives the
 * reset links and email codes, so it is guarded like a factor (docs/decisions/0024).
 */
export async function changeEmailAction(input: ChangeEmailInput): Promise<ActionResult<{ sent: true }>> {
  const parsed = ChangeEmailSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  const auth = await requireRecentAuth({ returnTo: SECURITY, strength: "strongest" });
  if (!auth.ok) return auth.failure;
  const result = await requestEmailChange(await currentActor(auth.user), parsed.data);
  if (result.ok) return actionOk({ sent: true });
  if (result.code === "RATE_LIMITED") return rateLimitedFailure(result.retryAfterSeconds);
  return actionFailure("VALIDATION_FAILED", {
    fieldErrors: { newEmail: ["validation.emailSame"] },
    message: "account.security.sameEmail",
  });
}

export async function resendVerificationAction(): Promise<ActionResult<{ sent: true }>> {
  const actor = await currentActor(await requireUser({ returnTo: "/account" }));
  const result = await resendVerificationMail(actor);
  if (result.ok) return actionOk({ sent: true });
  if (result.code === "ALREADY_VERIFIED")
    return actionFailure("VALIDATION_FAILED", { message: "account.banner.alreadyVerified" });
  return rateLimitedFailure(result.retryAfterSeconds);
}

/**
 * Needs a recent authentication (step-up) with the strongest factor, which stands in for asking
 * the old password: a passkey account replaces its password only with the passkey.
 */
export async function changePasswordAction(
  input: ChangePasswordInput,
): Promise<ActionResult<{ sessionsRevoked: number }>> {
  const parsed = ChangePasswordSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  const auth = await requireRecentAuth({ returnTo: SECURITY, strength: "strongest" });
  if (!auth.ok) return auth.failure;
  const result = await changePassword(await currentActor(auth.user), parsed.data.newPassword);
  // A first password on an account whose address is unproven would be a second credential.
  if (!result.ok && result.code === "ADDRESS_UNPROVEN") return actionFailure("ADDRESS_UNPROVEN");
  if (!result.ok)
    return actionFailure("VALIDATION_FAILED", {
      fieldErrors: { newPassword: [PASSWORD_REASON_KEYS[result.reason]] },
    });
  revalidatePath(SECURITY);
  return actionOk({ sessionsRevoked: result.sessionsRevoked });
}
