"use server";

import { redirect } from "next/navigation";
import { readDeviceCookie, setDeviceCookie } from "@/lib/auth/session-cookie";
import { SignInLinkTokenSchema } from "@/lib/schemas/auth";
import { newDeviceCookieId } from "@/lib/server/devices/devices";
import { confirmBlockedSignIn, reportBlockedSignIn } from "@/lib/server/identity/risk-release";
import { redeemSignInUnlock } from "@/lib/server/identity/sign-in-unlock";
import { getClientInfo } from "@/lib/auth/client-info";

// The buttons behind the links a sign-in mail carries (docs/decisions/0021, 0022). No sign-in:
// the single-use token is the authorisation. Plain form posts, so they work without JavaScript;
// the result pages carry no token in their URLs.

function tokenOf(formData: FormData): string | null {
  const parsed = SignInLinkTokenSchema.safeParse({ token: formData.get("token") });
  return parsed.success ? parsed.data.token : null;
}

/** "Das war ich": the blocked browser may continue with a second factor. */
export async function confirmBlockedSignInAction(formData: FormData): Promise<void> {
  const token = tokenOf(formData);
  const result = token ? await confirmBlockedSignIn({ token, client: await getClientInfo() }) : null;
  redirect(`/login/it-was-me?status=${result?.ok ? "released" : (result?.code ?? "INVALID_LINK")}`);
}

/** "Das war ich nicht": signed out everywhere; straight on to a new password. */
export async function reportBlockedSignInAction(formData: FormData): Promise<void> {
  const token = tokenOf(formData);
  const result = token ? await reportBlockedSignIn({ token, client: await getClientInfo() }) : null;
  if (!result?.ok) redirect(`/login/not-me?status=${result?.code ?? "INVALID_LINK"}`);
  redirect(`/reset-password?token=${encodeURIComponent(result.resetToken)}&reported=1`);
}

/** The unlock link: the pass goes to the browser that pressed the button, and to no other. */
export async function unlockSignInAction(formData: FormData): Promise<void> {
  const token = tokenOf(formData);
  const deviceCookieId = (await readDeviceCookie()) ?? newDeviceCookieId();
  const result = token
    ? await redeemSignInUnlock({ token, deviceCookieId, client: await getClientInfo() })
    : null;
  if (!result?.ok) redirect(`/login/unlock?status=${result?.code ?? "INVALID_LINK"}`);
  await setDeviceCookie(deviceCookieId);
  redirect("/login?unlocked=1");
}
