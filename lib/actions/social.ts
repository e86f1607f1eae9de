"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { setPendingSignInCookie } from "@/lib/auth/pending-sign-in-cookie";
import { refuseUnprovenAddress } from "@/lib/auth/proven-address";
import { setConnectIntent } from "@/lib/auth/social-connect-intent";
import { readDeviceCookie, setDeviceCookie, setSessionCookie } from "@/lib/auth/session-cookie";
import { requireUser } from "@/lib/auth/session";
import { requireRecentAuth, requireRecentAuthForPage } from "@/lib/auth/step-up";
import { getEnv } from "@/lib/env";
import {
  actionFailure,
  actionOk,
  rateLimitedFailure,
  validationFailed,
  type ActionResult,
} from "@/lib/errors";
import {
  ProviderKeySchema,
  SocialIdentityIdSchema,
  SocialLinkSchema,
  type SocialLinkInput,
} from "@/lib/schemas/social";
import { newDeviceCookieId } from "@/lib/server/devices/devices";
import { unlinkSocialIdentity } from "@/lib/server/identity/social-identities";
import { completeSocialLink } from "@/lib/server/identity/social-link";
import { getClientInfo } from "@/lib/auth/client-info";

const SECURITY = "/account/security";

/** /login/link: prove the existing account with its password, then link and sign in. */
export async function linkSocialAccountAction(
  input: SocialLinkInput,
): Promise<ActionResult<{ redirectTo: string }>> {
  const parsed = SocialLinkSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  const deviceCookieId = (await readDeviceCookie()) ?? newDeviceCookieId();
  const result = await completeSocialLink({ ...parsed.data, deviceCookieId, client: await getClientInfo() });
  await setDeviceCookie(deviceCookieId);
  if (!result.ok) {
    switch (result.code) {
      case "WRONG_PASSWORD":
        return actionFailure("VALIDATION_FAILED", {
          fieldErrors: { password: ["validation.passwordWrong"] },
          message: "social.link.wrongPassword",
        });
      case "RATE_LIMITED":
        return rateLimitedFailure(result.retryAfterSeconds);
      case "ACCOUNT_LOCKED":
        return actionFailure("FORBIDDEN", { message: "social.errors.locked" });
      case "IDENTITY_IN_USE":
        return actionFailure("VALIDATION_FAILED", { message: "social.link.identityInUse" });
      case "INVALID_LINK":
      case "NO_PASSWORD":
        return actionFailure("NOT_FOUND", { message: "social.link.invalid" });
      case "BLOCKED_BY_RISK":
        return actionFailure("FORBIDDEN", { signInReasons: result.reasons });
      case "SECOND_FACTOR_REQUIRED":
        // The one door asks for the second factor; the identity is linked once it passes.
        await setPendingSignInCookie(result.pendingToken);
        redirect("/login/verify");
      case "ADDRESS_UNPROVEN":
        return actionFailure("ADDRESS_UNPROVEN");
    }
  }
  await setSessionCookie(result.session);
  redirect("/account");
}

/**
 * The security page's "Connect …": marks the coming provider callback as a link to this account
 * (lib/auth/social-connect-intent.ts); the button then starts the provider sign-in. A new way in
 * needs the strongest factor first (docs/decisions/0024).
 */
export async function startSocialConnectAction(provider: string): Promise<ActionResult<null>> {
  const refused = refuseUnprovenAddress(await requireUser({ returnTo: SECURITY }));
  if (refused) return refused;
  const auth = await requireRecentAuth({ returnTo: SECURITY, strength: "strongest" });
  if (!auth.ok) return auth.failure;
  const { user } = auth;
  const key = ProviderKeySchema.safeParse(provider);
  if (!key.success || !getEnv().oidcProviders.some((p) => p.key === key.data))
    return actionFailure("NOT_FOUND");
  await setConnectIntent(user.sessionId, key.data);
  return actionOk(null);
}

/**
 * "Remove" in the linked-accounts card; a plain form, so it works without JavaScript. A session
 * without a recent authentication by the strongest factor confirms at /login/step-up first and
 * comes back to the card (docs/decisions/0024).
 */
export async function unlinkSocialIdentityAction(formData: FormData): Promise<void> {
  const user = await requireRecentAuthForPage({
    returnTo: `${SECURITY}#linked-accounts`,
    strength: "strongest",
  });
  const parsed = SocialIdentityIdSchema.safeParse({ identityId: formData.get("identityId") });
  const result = parsed.success
    ? await unlinkSocialIdentity({ userId: user.id, ...parsed.data, client: await getClientInfo() })
    : ({ ok: false, code: "NOT_FOUND" } as const);
  revalidatePath(SECURITY);
  const notice = result.ok ? "removed" : result.code === "LAST_METHOD" ? "last-method" : "not-found";
  redirect(`${SECURITY}?social=${notice}#linked-accounts`);
}
