import "server-only";
/**
 * A sign-in through an OpenID Connect provider, after next-auth has validated the ID token
 * (docs/decisions/0004). Three outcomes:
 * - the identity (provider + subject) is known: its user goes through the one door into a session
 *   (complete-sign-in.ts), with risk, block, second factor and staff rules like any other way in;
 * - unknown identity, but the provider's *verified* email belongs to an account: nothing is linked
 *   automatically (whoever controls a provider account with that address would otherwise take
 *   over the portal account); a short-lived SOCIAL_LINK token sends the person to /login/link to
 *   prove the existing account first (social-link.ts);
 * - neither: a new customer account is created and signed in without a second step (it has no
 *   factor yet), its sign-in still assessed for risk.
 * Cookies stay with the caller (the next-auth callback), so this runs in tests without a request.
 */
import { db } from "@/lib/db";
import { EmailSchema } from "@/lib/schemas/auth";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import type { ClientInfo } from "@/lib/server/request/client-info";
import type { NewSession } from "@/lib/server/sessions/sessions";
import type { RiskReason } from "@/lib/config/risk";
import { completeSignIn, type SignInOutcome } from "./complete-sign-in";
import { recordRegistrationConsent } from "./registration-steps";
import { issueToken } from "./tokens";
import { anonymousActor } from "@/lib/server/actor";

export type SocialAssertion = {
  /** Provider key from OIDC_PROVIDERS. */
  provider: string;
  /** The provider's `sub` claim. */
  subject: string;
  email: string | null;
  emailVerified: boolean;
};

export type SocialSignInResult =
  | { kind: "signed-in"; session: NewSession; userId: string; isNewUser: boolean }
  /** The provider was the first factor; /login/verify asks for the second. */
  | { kind: "second-factor"; pendingToken: string }
  | { kind: "blocked"; reasons: RiskReason[] }
  | { kind: "link-required"; token: string }
  | { kind: "refused"; reason: SocialRefusal };

/**
 * ACCOUNT_LOCKED: the identity's account is locked. EMAIL_MISSING: no usable address to create an
 * account with. EMAIL_IN_USE: an account has the address, but the provider did not verify it, so
 * it cannot even start a link (the person signs in with the password and connects from
 * /account/security instead).
 */
export type SocialRefusal = "ACCOUNT_LOCKED" | "EMAIL_MISSING" | "EMAIL_IN_USE";

export async function completeSocialSignIn(
  opts: SocialAssertion & { client: ClientInfo; deviceCookieId: string; locale: "de" | "en" },
): Promise<SocialSignInResult> {
  const { provider, subject, client } = opts;
  const email = normaliseEmail(opts.email);

  const identity = await db.socialIdentity.findUnique({
    where: { provider_subject: { provider, subject } },
    select: { id: true, userId: true },
  });
  if (identity) {
    // The schema keeps the address the provider asserted last, for the linked-accounts list.
    await db.socialIdentity.update({
      where: { id: identity.id },
      data: { lastUsedAt: new Date(), ...(email ? { email: email.value } : {}) },
    });
    const outcome = await completeSignIn({
      userId: identity.userId,
      factor: { method: "SOCIAL", provider, isNewAccount: false },
      deviceCookieId: opts.deviceCookieId,
      client,
    });
    return socialResult(outcome, false);
  }

  if (!email) return { kind: "refused", reason: "EMAIL_MISSING" };
  const existing = await db.user.findUnique({ where: { emailNormalized: email.normalized } });
  if (existing) {
    if (!opts.emailVerified) return { kind: "refused", reason: "EMAIL_IN_USE" };
    const token = await db.$transaction(async (tx) => {
      const token = await issueToken(
        {
          userId: existing.id,
          purpose: "SOCIAL_LINK",
          payload: { provider, subject, email: email.value },
        },
        { tx },
      );
      await writeAuditEvent(tx, {
        type: "auth.social_link_requested",
        actor: anonymousActor(client),
        subject: existing.id,
        target: { type: "SocialIdentity", id: provider },
        metadata: { provider },
      });
      return token;
    });
    return { kind: "link-required", token };
  }

  const userId = await db.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: {
        email: email.value,
        emailNormalized: email.normalized,
        // An unverified provider address is verified by mail like a typed one (banner on /account).
        emailVerifiedAt: opts.emailVerified ? new Date() : null,
        locale: opts.locale,
        roles: { create: { role: "CUSTOMER" } },
        communicationPreference: { create: {} },
        socialIdentities: { create: { provider, subject, email: email.value, lastUsedAt: new Date() } },
      },
    });
    // The sign-in page says that continuing with a provider accepts the terms and privacy notice.
    await recordRegistrationConsent({ userId: user.id, locale: opts.locale, client }, { tx });
    return user.id;
  });
  const outcome = await completeSignIn({
    userId,
    factor: { method: "SOCIAL", provider, isNewAccount: true },
    deviceCookieId: opts.deviceCookieId,
    client,
  });
  return socialResult(outcome, true);
}

function socialResult(outcome: SignInOutcome, isNewUser: boolean): SocialSignInResult {
  if (outcome.ok) return { kind: "signed-in", session: outcome.session, userId: outcome.userId, isNewUser };
  switch (outcome.code) {
    case "SECOND_FACTOR_REQUIRED":
      return { kind: "second-factor", pendingToken: outcome.pendingToken };
    case "BLOCKED_BY_RISK":
      return { kind: "blocked", reasons: outcome.reasons };
    case "ACCOUNT_LOCKED":
      return { kind: "refused", reason: "ACCOUNT_LOCKED" };
    case "IDENTITY_IN_USE":
      throw new Error("no identity is linked here");
  }
}

/** The address as the provider gave it and its normalised form, or null when it is not one. */
function normaliseEmail(raw: string | null): { value: string; normalized: string } | null {
  if (!raw) return null;
  const parsed = EmailSchema.safeParse(raw);
  return parsed.success ? { value: raw.trim(), normalized: parsed.data } : null;
}
