"use server";

import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { setPendingSignInCookie } from "@/lib/auth/pending-sign-in-cookie";
import { readDeviceCookie, setDeviceCookie, setSessionCookie } from "@/lib/auth/session-cookie";
import {
  actionFailure,
  actionOk,
  validationFailed,
  type ActionFailure,
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
import { blockedSignInMessage } from "@/lib/i18n/sign-in-reasons";
import { DELETION_PENDING_PATH, isDeletionPending } from "@/lib/server/privacy/account-deletion";
import { signInWithPassword as signIn } from "@/lib/server/identity/sign-in";
import { signedInHome } from "@/lib/server/identity/landing";
import { getClientInfo } from "@/lib/auth/client-info";
import { toSafeRelativePath } from "@/lib/http/safe-path";
import { toLocale } from "@/lib/i18n/config";

// Each action re-parses its input with the form's schema: the client's validation is a
// convenience, this is the check that counts.

async function rateLimited(retryAfterSeconds: number): Promise<ActionFailure> {
  const t = await getTranslations("auth");
  return actionFailure("RATE_LIMITED", {
    formError: t("rateLimited", { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) }),
  });
}

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
      if (!result.untilReset) return rateLimited(result.retryAfterSeconds);
      // After 100 consecutive failures (NIST SP 800-63B-4) only a password reset unlocks the account.
      return actionFailure("RATE_LIMITED", {
        formError: (await getTranslations("auth.login"))("lockedUntilReset"),
      });
    }
    const t = await getTranslations("auth.login");
    // In plain words why, and the way out the block mail offers (docs/decisions/0021).
    if (result.code === "BLOCKED_BY_RISK")
      return actionFailure("FORBIDDEN", { formError: await blockedSignInMessage(result.reasons) });
    return actionFailure(result.code === "ACCOUNT_LOCKED" ? "FORBIDDEN" : "UNAUTHENTICATED", {
      formError: t(result.code === "ACCOUNT_LOCKED" ? "accountLocked" : "invalidCredentials"),
    });
  }
  await setSessionCookie(result.session);
  // During the deletion grace period a sign-in lands where the customer can cancel the deletion.
  if (await isDeletionPending(result.userId)) redirect(DELETION_PENDING_PATH);
  // A server-side redirect re-renders the whole tree, so the header shows the signed-in state.
  redirect(toSafeRelativePath(parsed.data.callbackUrl, await signedInHome(result.userId)));
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
  if (!result.ok) return rateLimited(result.retryAfterSeconds);
  return actionOk({ sent: true });
}

export async function registerAccount(input: RegisterInput): Promise<ActionResult<{ redirectTo: string }>> {
  const parsed = RegisterSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  const locale = toLocale(await getLocale());
  const result = await registerWithPassword({
    email: parsed.data.email,
    password: parsed.data.password,
    locale,
    client: await getClientInfo(),
  });
  if (!result.ok) {
    if (result.code === "RATE_LIMITED") return rateLimited(result.retryAfterSeconds);
    return actionFailure("VALIDATION_FAILED", {
      fieldErrors: { password: [PASSWORD_REASON_KEYS[result.reason]] },
    });
  }
  redirect("/register/check-email");
}

export async function requestPasswordReset(
  input: ForgotPasswordInput,
): Promise<ActionResult<{ redirectTo: string }>> {
  const parsed = ForgotPasswordSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  const result = await requestReset({ email: parsed.data.email, client: await getClientInfo() });
  if (!result.ok) return rateLimited(result.retryAfterSeconds);
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
    const t = await getTranslations("auth.resetPassword");
    return actionFailure("NOT_FOUND", { formError: t("invalidLink") });
  }
  redirect("/login?reset=1");
}
