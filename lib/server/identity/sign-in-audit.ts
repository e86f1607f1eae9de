/** The audit event a session opens with, by the way in (more specific than auth.sign_in_succeeded). */
import type { AuditEventType } from "@/lib/server/audit/event-types";
import type { FirstFactor } from "./sign-in-factors";

export type SessionAudit = {
  type: AuditEventType;
  targetType?: string;
  targetId?: string;
  metadata?: Record<string, string | number | boolean | null>;
};

export function providerTarget(provider: string) {
  return { targetType: "SocialIdentity", targetId: provider, metadata: { provider } };
}

export function sessionAudit(factor: FirstFactor): SessionAudit {
  switch (factor.method) {
    case "PASSWORD":
      return { type: "auth.sign_in_succeeded" };
    case "PASSKEY":
      return {
        type: "auth.passkey_signed_in",
        targetType: "Passkey",
        targetId: factor.passkeyId,
        metadata: { userVerified: factor.userVerified },
      };
    case "SOCIAL":
      return {
        type: factor.isNewAccount ? "auth.social_signed_up" : "auth.social_signed_in",
        ...providerTarget(factor.provider),
      };
    case "SOCIAL_LINK":
      return { type: "auth.social_signed_in", ...providerTarget(factor.link.provider) };
  }
}

/** A sign-in that continues the sign-up in the browser that registered (docs/decisions/0056). */
export function withRegistration(
  audit: SessionAudit,
  continuesRegistration: boolean | undefined,
): SessionAudit {
  return continuesRegistration
    ? { ...audit, metadata: { ...audit.metadata, via: "VERIFICATION_LINK" } }
    : audit;
}
