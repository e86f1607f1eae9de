"use server";

import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { clearPendingSignInCookie, readPendingSignInCookie } from "@/lib/auth/pending-sign-in-cookie";
import { readDeviceCookie, setDeviceCookie, setSessionCookie } from "@/lib/auth/session-cookie";
import { actionFailure, actionOk, validationFailed, type ActionResult } from "@/lib/errors";
import { toSafeRelativePath } from "@/lib/http/safe-path";
import { VerifySecondFactorSchema, type VerifySecondFactorInput } from "@/lib/schemas/second-factor";
import { newDeviceCookieId } from "@/lib/server/devices/devices";
import { resendSignInEmailCode, verifySecondFactor } from "@/lib/server/identity/verify-second-factor";
import { signedInHome } from "@/lib/server/identity/landing";
import { getClientInfo } from "@/lib/auth/client-info";

// The pending sign-in cookie is the only authority here: no session exists until a factor passes.

const FAILURE_KEYS = {
  EXPIRED: "expired",
  NOT_ALLOWED: "notAllowed",
  INVALID_CODE: "invalidCode",
  EMAIL_CODE_EXPIRED: "emailCodeExpired",
  EMAIL_CODE_LOCKED: "emailCodeLocked",
} as const;

export async function verifySecondFactorAction(
  input: VerifySecondFactorInput,
): Promise<ActionResult<{ redirectTo: string }>> {
  const parsed = VerifySecondFactorSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  const t = await getTranslations("verify.errors");
  const deviceCookieId = (await readDeviceCookie()) ?? newDeviceCookieId();
  const result = await verifySecondFactor({
    pendingToken: await readPendingSignInCookie(),
    method: parsed.data.method,
    code: parsed.data.code,
    deviceCookieId,
    client: await getClientInfo(),
  });
  if (!result.ok) {
    if (result.code === "RATE_LIMITED") {
      return actionFailure("RATE_LIMITED", {
        formError: t("rateLimited", { seconds: Math.max(1, result.retryAfterSeconds) }),
      });
    }
    const code =
      result.code === "EXPIRED" || result.code === "NOT_ALLOWED" ? "UNAUTHENTICATED" : "VALIDATION_FAILED";
    return actionFailure(code, { formError: t(FAILURE_KEYS[result.code]) });
  }
  await setDeviceCookie(deviceCookieId);
  await setSessionCookie(result.session);
  await clearPendingSignInCookie();
  redirect(toSafeRelativePath(result.returnTo, await signedInHome(result.userId)));
}

export async function resendEmailCodeAction(): Promise<ActionResult<{ sent: true }>> {
  const t = await getTranslations("verify.errors");
  const result = await resendSignInEmailCode({
    pendingToken: await readPendingSignInCookie(),
    client: await getClientInfo(),
  });
  if (result.ok) return actionOk({ sent: true });
  if (result.code === "RATE_LIMITED") {
    return actionFailure("RATE_LIMITED", {
      formError: t("resendLimited", { minutes: Math.max(1, Math.ceil(result.retryAfterSeconds / 60)) }),
    });
  }
  return actionFailure("UNAUTHENTICATED", { formError: t(FAILURE_KEYS[result.code]) });
}
