import "server-only";
/**
 * next-auth's `callbacks.signIn`, the hand-over from next-auth (which has validated the provider's
 * ID token) to the portal's own sessions (docs/decisions/0004). It returns the path to redirect to;
 * a string makes next-auth redirect before it would issue a JWT session of its own.
 */
import type { Account, Profile } from "next-auth";
import { getLocale } from "next-intl/server";
import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/session";
import { setPendingSignInCookie } from "@/lib/auth/pending-sign-in-cookie";
import { readDeviceCookie, setDeviceCookie, setSessionCookie } from "@/lib/auth/session-cookie";
import { newDeviceCookieId } from "@/lib/server/devices/devices";
import { connectSocialIdentity } from "@/lib/server/identity/social-link";
import { completeSocialSignIn, type SocialRefusal } from "@/lib/server/identity/social-login";
import { getClientInfo } from "./client-info";
import { takeConnectIntent } from "./social-connect-intent";
import { toLocale } from "@/lib/i18n/config";
import { DELETION_PENDING_PATH, isDeletionPending } from "@/lib/server/privacy/account-deletion";

/** The ID token claims we rely on; some providers send email_verified as the string "true". */
const ClaimsSchema = z.object({
  sub: z.string().min(1).max(255),
  email: z.string().max(320).optional().catch(undefined),
  email_verified: z
    .union([z.boolean(), z.enum(["true", "false"])])
    .optional()
    .catch(undefined),
});

/** Values of `/login?error=`; the login page words each (messages `social.errors`). */
const REFUSAL_ERRORS: Record<SocialRefusal, string> = {
  ACCOUNT_LOCKED: "social-locked",
  EMAIL_MISSING: "social-email-missing",
  EMAIL_IN_USE: "social-email-in-use",
};
const FAILED = "/login?error=social";

export async function handleSocialSignIn(params: {
  account: Account | null;
  profile?: Profile;
}): Promise<string> {
  try {
    const claims = ClaimsSchema.safeParse(params.profile);
    if (!params.account || params.account.type !== "oauth" || !claims.success) return FAILED;
    const assertion = {
      provider: params.account.provider,
      subject: claims.data.sub,
      email: claims.data.email ?? null,
      emailVerified: claims.data.email_verified === true || claims.data.email_verified === "true",
    };
    const client = await getClientInfo();

    const current = await getCurrentUser();
    if (await takeConnectIntent(current?.sessionId ?? null, assertion.provider)) {
      // takeConnectIntent is only true with a current session. An unproven address keeps only its
      // first credential (docs/decisions/0018).
      if (!current!.emailVerified) return "/account/security?social=address-unproven#linked-accounts";
      const result = await connectSocialIdentity({ userId: current!.id, ...assertion, client });
      return `/account/security?social=${result.ok ? "linked" : "in-use"}`;
    }

    const deviceCookieId = (await readDeviceCookie()) ?? newDeviceCookieId();
    const result = await completeSocialSignIn({
      ...assertion,
      client,
      deviceCookieId,
      locale: toLocale(await getLocale()),
    });
    await setDeviceCookie(deviceCookieId);
    switch (result.kind) {
      case "signed-in":
        await setSessionCookie(result.session);
        // During the deletion grace period every sign-in lands where it can be cancelled.
        return (await isDeletionPending(result.userId)) ? DELETION_PENDING_PATH : "/account";
      case "second-factor":
        // The provider was the first factor; the one door asks for the second (0020).
        await setPendingSignInCookie(result.pendingToken);
        return "/login/verify";
      case "blocked":
        // The sign-in page says why in words; the codes are no secret (the owner is mailed them).
        return `/login?blocked=${result.reasons.join(",")}`;
      case "link-required":
        return `/login/link?token=${encodeURIComponent(result.token)}`;
      case "refused":
        return `/login?error=${REFUSAL_ERRORS[result.reason]}`;
    }
  } catch (error) {
    // Logged on the server only; the person sees the generic "sign-in with the provider failed".
    console.error(`[social-login] ${error instanceof Error ? error.message : String(error)}`);
    return FAILED;
  }
}
