import "server-only";
/**
 * What social sign-ins share around the session (which only the one door, complete-sign-in.ts,
 * opens): the provider's display name and the notice that a provider can now sign in.
 */
import { getEnv } from "@/lib/env";
import { localeOf, sendMailInBackground, securityReviewUrl } from "./notify";

/** The configured display name ("Google"); the key itself once a provider left the configuration. */
export function providerDisplayName(key: string): string {
  return getEnv().oidcProviders.find((p) => p.key === key)?.name ?? key;
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
