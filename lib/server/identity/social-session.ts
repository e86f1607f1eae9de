import "server-only";
/**
 * What every successful social sign-in shares (first sign-up, returning identity, proven link): the
 * same writes as every other sign-in (complete-sign-in.ts), with the provider as the audit target.
 */
import { getEnv } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma-sqlite/client";
import type { AuditEventType } from "@/lib/server/audit/event-types";
import type { ClientInfo } from "@/lib/server/request/client-info";
import type { AuthMethodName } from "@/lib/server/sessions/sessions";
import { recordSignIn, type RecordedSignIn } from "./complete-sign-in";
import { localeOf, sendMailInBackground, securityReviewUrl } from "./notify";

type Tx = Prisma.TransactionClient;

/** The configured display name ("Google"); the key itself once a provider left the configuration. */
export function providerDisplayName(key: string): string {
  return getEnv().oidcProviders.find((p) => p.key === key)?.name ?? key;
}

export type OpenedSocialSession = RecordedSignIn;

/**
 * Signs the user in inside the caller's transaction and writes `auditType` as the sign-in event.
 * Social sign-ins never "remember me": the NIST default lifetimes apply (docs/decisions/0004).
 */
export async function openSocialSession(
  tx: Tx,
  opts: {
    user: { id: string; email: string; emailNormalized: string; locale: string };
    provider: string;
    methods: AuthMethodName[];
    deviceCookieId: string;
    client: ClientInfo;
    auditType: Extract<AuditEventType, `auth.social_${string}`>;
  },
): Promise<OpenedSocialSession> {
  return recordSignIn(tx, {
    user: opts.user,
    rememberMe: false,
    deviceCookieId: opts.deviceCookieId,
    client: opts.client,
    firstFactor: "SOCIAL",
    methods: opts.methods,
    audit: {
      type: opts.auditType,
      targetType: "SocialIdentity",
      targetId: opts.provider,
      metadata: { provider: opts.provider },
    },
  });
}

/** The notice to the account's address that a provider can now sign in to it. */
export function sendLinkedNotice(user: { email: string; locale: string }, provider: string): void {
  sendMailInBackground({
    to: user.email,
    locale: localeOf(user.locale),
    template: {
      name: "social-account-linked",
      data: {
        provider: providerDisplayName(provider),
        time: new Date(),
        reviewUrl: securityReviewUrl(),
      },
    },
  });
}
