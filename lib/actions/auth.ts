"use server";

import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { setPendingSignInCookie } from "@/lib/auth/pending-sign-in-cookie";
import { readDeviceCookie, setDeviceCookie, setSessionCookie } from "@/lib/auth/session-cookie";
import {
  actionFailure,
  actionOk,
  rateLimitedFailure,
  validationFailed,
  type ActionResult,
} from "@/lib/errors";
import {
  ForgotPasswordSchema,
  PASSWORD_REASON_KEYS,
  LoginSchema,
  RegisterSchema,
  ResetPasswordSchema,
  type ForgotPasswordInput,
  type LoginInput,
  type RegisterInput,
  type ResetPasswordInput,
} from "@/lib/schemas/auth";
import { newDeviceCookieId } from "@/lib/server/devices/devices";
import {
  requestPasswordReset as requestReset,
  resetPassword as completeReset,
} from "@/lib/server/identity/password-reset";
import { registerWithPassword } from "@/lib/server/identity/register";
import { requestSignInUnlock } from "@/lib/server/identity/sign-in-unlock";
import { DELETION_PENDING_PATH } from "@/lib/server/privacy/account-deletion";
import { signInWithPassword as signIn } from "@/lib/server/identity/sign-in";
import { getClientInfo } from "@/lib/auth/client-info";
import {
  newRegistrationCookie,
  readRegistrationCookie,
  setRegistrationCookie,
} from "@/lib/auth/registration-cookie";
import { resendRegistrationMail } from "@/lib/server/identity/pending-registration";
import { toSafeRelativePath } from "@/lib/http/safe-path";
import { toLocale } from "@/lib/i18n/config";

// Each action re-parses its input with the form's schema: the client's validation is a
// convenience, this is the check that counts.

export async function signInWithPassword(input: LoginInput): Promise<ActionResult<{ redirectTo: string }>> {
  const parsed = LoginSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  const deviceCookieId = (await readDeviceCookie()) ?? newDeviceCookieId();
  const result = await signIn({
    ...parsed.data,
    returnTo: parsed.data.callbackUrl,
    deviceCookieId,
    client: await getClientInfo(),
  });
  await setDeviceCookie(deviceCookieId);
  if (!result.ok && result.code === "SECOND_FACTOR_REQUIRED") {
    await setPendingSignInCookie(result.pendingToken);
    redirect("/login/verify");
  }
  if (!result.ok) {
    if (result.code === "RATE_LIMITED") {
      if (!result.untilReset) return rateLimitedFailure(result.retryAfterSeconds);
      // After 100 consecutive failures (NIST SP 800-63B-4) only a password reset unlocks the account.
      return actionFailure("RATE_LIMITED", { message: "auth.login.lockedUntilReset" });
    }
    // The form says in plain words why, and the way out the block mail offers (docs/decisions/0021).
    if (result.code === "BLOCKED_BY_RISK")
      return actionFailure("FORBIDDEN", { signInReasons: result.reasons });
    if (result.code === "ACCOUNT_LOCKED")
      return actionFailure("FORBIDDEN", { message: "auth.login.accountLocked" });
    return actionFailure("UNAUTHENTICATED", { message: "auth.login.invalidCredentials" });
  }
  await setSessionCookie(result.session);
  // During the deletion grace period a sign-in lands where the customer can cancel the deletion.
  // Both facts come from the door's read of the account (door-user.ts), not from another query.
  if (result.landing.deletionPending) redirect(DELETION_PENDING_PATH);
  // A server-side redirect re-renders the whole tree, so the header shows the signed-in state.
  redirect(toSafeRelativePath(parsed.data.callbackUrl, result.landing.home));
}

/**
 * "Send a link to unlock" under the throttled sign-in form (docs/decisions/0022): the same answer
 * for every address; the mail goes only to an existing account.
 */
export async function requestSignInUnlockAction(
  input: ForgotPasswordInput,
): Promise<ActionResult<{ sent: true }>> {
  const parsed = ForgotPasswordSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  const result = await requestSignInUnlock({ email: parsed.data.email, client: await getClientInfo() });
  if (!result.ok) return rateLimitedFailure(result.retryAfterSeconds);
  return actionOk({ sent: true });
}

export async function registerAccount(input: RegisterInput): Promise<ActionResult<{ redirectTo: string }>> {
  const parsed = RegisterSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  const locale = toLocale(await getLocale());
  // Read before the new cookie replaces it: only the browser that made that sign-up can undo it.
  const before = parsed.data.replacePending ? await readRegistrationCookie() : null;
  const cookie = newRegistrationCookie(parsed.data.email);
  const result = await registerWithPassword({
    email: parsed.data.email,
    password: parsed.data.password,
    locale,
    client: await getClientInfo(),
    browserBinding: cookie.binding,
    replacing: before ? { email: before.email, browserBinding: before.binding } : undefined,
  });
  if (!result.ok) {
    if (result.code === "RATE_LIMITED") return rateLimitedFailure(result.retryAfterSeconds);
    return actionFailure("VALIDATION_FAILED", {
      fieldErrors: { password: [PASSWORD_REASON_KEYS[result.reason]] },
    });
  }
  await setRegistrationCookie(cookie);
  redirect("/register/check-email");
}

export async function requestPasswordReset(
  input: ForgotPasswordInput,
): Promise<ActionResult<{ redirectTo: string }>> {
  const parsed = ForgotPasswordSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  const result = await requestReset({ email: parsed.data.email, client: await getClientInfo() });
  if (!result.ok) return rateLimitedFailure(result.retryAfterSeconds);
  redirect("/forgot-password/sent");
}

export async function resetPassword(
  input: ResetPasswordInput,
): Promise<ActionResult<{ redirectTo: string }>> {
  const parsed = ResetPasswordSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  const result = await completeReset({ ...parsed.data, client: await getClientInfo() });
  if (!result.ok) {
    if (result.code === "PASSWORD_REJECTED") {
      return actionFailure("VALIDATION_FAILED", {
        fieldErrors: { password: [PASSWORD_REASON_KEYS[result.reason]] },
      });
    }
    return actionFailure("NOT_FOUND", { message: "auth.resetPassword.invalidLink" });
  }
  redirect("/login?reset=1");
}

/**
 * "Erneut senden" on the check-email page: for the address this browser signed up with (its
 * registration cookie); the same answer for every address (decision 0056).
 */
export async function resendRegistrationMailAction(): Promise<ActionResult<{ sent: true }>> {
  const registration = await readRegistrationCookie();
  if (!registration) return actionFailure("NOT_FOUND", { message: "auth.checkEmail.noRegistration" });
  const result = await resendRegistrationMail({
    email: registration.email,
    browserBinding: registration.binding,
    client: await getClientInfo(),
  });
  if (!result.ok) return rateLimitedFailure(result.retryAfterSeconds);
  return actionOk({ sent: true });
}
