"use server";

import { redirect } from "next/navigation";
import { clearPendingSignInCookie, readPendingSignInCookie } from "@/lib/auth/pending-sign-in-cookie";
import { readDeviceCookie, setDeviceCookie, setSessionCookie } from "@/lib/auth/session-cookie";
import {
  actionFailure,
  actionOk,
  rateLimitedFailure,
  validationFailed,
  type ActionResult,
} from "@/lib/errors";
import { toSafeRelativePath } from "@/lib/http/safe-path";
import { VerifySecondFactorSchema, type VerifySecondFactorInput } from "@/lib/schemas/second-factor";
import { newDeviceCookieId } from "@/lib/server/devices/devices";
import { resendSignInEmailCode, verifySecondFactor } from "@/lib/server/identity/verify-second-factor";
import { signedInHome } from "@/lib/server/identity/landing";
import { getClientInfo } from "@/lib/auth/client-info";

// The pending sign-in cookie is the only authority here: no session exists until a factor passes.

const FAILURE_KEYS = {
  EXPIRED: "verify.errors.expired",
  NOT_ALLOWED: "verify.errors.notAllowed",
  INVALID_CODE: "verify.errors.invalidCode",
  EMAIL_CODE_EXPIRED: "verify.errors.emailCodeExpired",
  EMAIL_CODE_LOCKED: "verify.errors.emailCodeLocked",
} as const;

export async function verifySecondFactorAction(
  input: VerifySecondFactorInput,
): Promise<ActionResult<{ redirectTo: string }>> {
  const parsed = VerifySecondFactorSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
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
        message: "verify.errors.rateLimited",
        values: { seconds: Math.max(1, result.retryAfterSeconds) },
      });
    }
    const code =
      result.code === "EXPIRED" || result.code === "NOT_ALLOWED" ? "UNAUTHENTICATED" : "VALIDATION_FAILED";
    return actionFailure(code, { message: FAILURE_KEYS[result.code] });
  }
  await setDeviceCookie(deviceCookieId);
  await setSessionCookie(result.session);
  await clearPendingSignInCookie();
  redirect(toSafeRelativePath(result.returnTo, await signedInHome(result.userId)));
}

export async function resendEmailCodeAction(): Promise<ActionResult<{ sent: true }>> {
  const result = await resendSignInEmailCode({
    pendingToken: await readPendingSignInCookie(),
    client: await getClientInfo(),
  });
  if (result.ok) return actionOk({ sent: true });
  if (result.code === "RATE_LIMITED")
    return rateLimitedFailure(result.retryAfterSeconds, "verify.errors.resendLimited");
  return actionFailure("UNAUTHENTICATED", { message: FAILURE_KEYS[result.code] });
}
