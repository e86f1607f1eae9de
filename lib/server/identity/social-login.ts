import "server-only";
/**
 * A sign-in through an OpenID Connect provider, after next-auth has validated the ID token
 * (docs/decisions/0004). Three outcomes:
 * - the identity (provider + subject) is known: its user is signed in;
 * - unknown identity, but the provider's *verified* email belongs to an account: nothing is linked
 *   automatically (whoever controls a provider account with that address would otherwise take
 *   over the portal account); a short-lived SOCIAL_LINK token sends the person to /login/link to
 *   prove the existing account first (social-link.ts);
 * - neither: a new customer account is created and signed in.
 * Cookies stay with the caller (the next-auth callback), so this runs in tests without a request.
 */
import { db } from "@/lib/db";
import { EmailSchema } from "@/lib/schemas/auth";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import type { ClientInfo } from "@/lib/server/request/client-info";
import type { NewSession } from "@/lib/server/sessions/sessions";
import { attemptContext, sendNewDeviceNotice } from "./complete-sign-in";
import { recordRegistrationConsent } from "./registration-steps";
import { openSocialSession } from "./social-session";
import { issueToken } from "./tokens";

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
    include: { user: true },
  });
  if (identity) {
    const { user } = identity;
    if (user.status === "LOCKED") {
      await db.signInAttempt.create({
        data: {
          ...attemptContext(client),
          userId: user.id,
          emailNormalized: user.emailNormalized,
          method: "SOCIAL",
          result: "ACCOUNT_LOCKED",
        },
      });
      return { kind: "refused", reason: "ACCOUNT_LOCKED" };
    }
    const opened = await db.$transaction(async (tx) => {
      await tx.socialIdentity.update({
        where: { id: identity.id },
        // The schema keeps the address the provider asserted last, for the linked-accounts list.
        data: { lastUsedAt: new Date(), ...(email ? { email: email.value } : {}) },
      });
      return openSocialSession(tx, {
        user,
        provider,
        methods: ["SOCIAL"],
        deviceCookieId: opts.deviceCookieId,
        client,
        auditType: "auth.social_signed_in",
      });
    });
    sendNewDeviceNotice(opened, client);
    return { kind: "signed-in", session: opened.session, userId: user.id, isNewUser: false };
  }

  if (!email) return { kind: "refused", reason: "EMAIL_MISSING" };
  const existing = await db.user.findUnique({ where: { emailNormalized: email.normalized } });
  if (existing) {
    if (!opts.emailVerified) return { kind: "refused", reason: "EMAIL_IN_USE" };
    const token = await db.$transaction(async (tx) => {
      const token = await issueToken(tx, {
        userId: existing.id,
        purpose: "SOCIAL_LINK",
        payload: { provider, subject, email: email.value },
      });
      await writeAuditEvent(tx, {
        type: "auth.social_link_requested",
        actorRole: "ANONYMOUS",
        subjectUserId: existing.id,
        targetType: "SocialIdentity",
        targetId: provider,
        ip: client.ip,
        userAgent: client.userAgent,
        metadata: { provider },
      });
      return token;
    });
    return { kind: "link-required", token };
  }

  const { opened, userId } = await db.$transaction(async (tx) => {
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
    await recordRegistrationConsent(tx, { userId: user.id, locale: opts.locale, client });
    const opened = await openSocialSession(tx, {
      user,
      provider,
      methods: ["SOCIAL"],
      deviceCookieId: opts.deviceCookieId,
      client,
      auditType: "auth.social_signed_up",
    });
    return { opened, userId: user.id };
  });
  return { kind: "signed-in", session: opened.session, userId, isNewUser: true };
}

/** The address as the provider gave it and its normalised form, or null when it is not one. */
function normaliseEmail(raw: string | null): { value: string; normalized: string } | null {
  if (!raw) return null;
  const parsed = EmailSchema.safeParse(raw);
  return parsed.success ? { value: raw.trim(), normalized: parsed.data } : null;
}
