"use server";

import { redirect } from "next/navigation";
import { EmailLinkTokenSchema } from "@/lib/schemas/email-link";
import { newDeviceCookieId } from "@/lib/server/devices/devices";
import {
  discardUnverifiedRegistration,
  verifyEmailToken,
  type VerifyResult,
} from "@/lib/server/identity/email-verification";
import { signInRegisteringBrowser } from "@/lib/server/identity/verified-continuation";
import { getClientInfo } from "@/lib/auth/client-info";
import { setPendingSignInCookie } from "@/lib/auth/pending-sign-in-cookie";
import { clearRegistrationCookie, readRegistrationCookie } from "@/lib/auth/registration-cookie";
import { readDeviceCookie, setDeviceCookie, setSessionCookie } from "@/lib/auth/session-cookie";
import { getCurrentUser } from "@/lib/auth/session";

// The buttons of /verify-email (no sign-in: the single-use token in the mailed link is the
// authorisation). Opening the link changes nothing, because mail scanners open links; these plain
// form posts do, and work without JavaScript. The result page carries no token in its URL.

const PAGE = "/verify-email";

function tokenOf(formData: FormData): string | null {
  const parsed = EmailLinkTokenSchema.safeParse({ token: formData.get("token") });
  return parsed.success ? parsed.data.token : null;
}

/** "E-Mail-Adresse bestätigen" / "Neue E-Mail-Adresse bestätigen". */
export async function confirmEmailLinkAction(formData: FormData): Promise<void> {
  const token = tokenOf(formData);
  const result = token ? await verifyEmailToken({ token, client: await getClientInfo() }) : null;
  if (result?.ok && result.kind === "verified") redirect(await continueAfterVerification(result));
  const status = !result
    ? "invalid"
    : result.ok
      ? result.kind
      : result.code === "EMAIL_TAKEN"
        ? "email-taken"
        : "invalid";
  redirect(`${PAGE}?status=${status}`);
}

/** "Das war ich nicht": deletes the unverified account the link was sent for (decision 0018). */
export async function discardRegistrationAction(formData: FormData): Promise<void> {
  const token = tokenOf(formData);
  const result = token ? await discardUnverifiedRegistration({ token, client: await getClientInfo() }) : null;
  redirect(`${PAGE}?status=${result?.ok ? "discarded" : "invalid"}`);
}

/**
 * Where a confirmed registration continues (docs/decisions/0056): signed in, in the browser that
 * registered (or its second step, if the door asks for one); anywhere else the sign-in form with
 * the address filled in, which the person has just shown to be theirs.
 */
async function continueAfterVerification(
  result: Extract<VerifyResult, { kind: "verified" }>,
): Promise<string> {
  // Already signed in to this account here (e.g. the link was resent from the account banner).
  if ((await getCurrentUser())?.id === result.userId) return `${PAGE}?status=verified`;
  const registration = await readRegistrationCookie();
  const deviceCookieId = (await readDeviceCookie()) ?? newDeviceCookieId();
  const outcome = await signInRegisteringBrowser({
    userId: result.userId,
    registeredBy: result.registeredBy,
    browserBinding: registration?.binding ?? null,
    deviceCookieId,
    client: await getClientInfo(),
  });
  if (outcome) {
    await setDeviceCookie(deviceCookieId);
    await clearRegistrationCookie();
  }
  if (outcome?.ok) {
    await setSessionCookie(outcome.session);
    return `${PAGE}?status=verified`;
  }
  if (outcome?.code === "SECOND_FACTOR_REQUIRED") {
    await setPendingSignInCookie(outcome.pendingToken);
    return "/login/verify";
  }
  return `/login?confirmed=1&email=${encodeURIComponent(result.email)}`;
}
