import "server-only";
import { getEnv } from "@/lib/env";
import { sendMail, type MailTemplate } from "@/lib/server/mail/send-mail";
import { sendSecurityPush, type SecurityPushNotice } from "@/lib/server/push/send-push";
import type { ClientInfo } from "@/lib/server/request/client-info";

/**
 * Sends a mail off the request path. Responses must not wait for SMTP: a known address (mail sent)
 * and an unknown one (no mail) would otherwise answer with different timing, which enumerates
 * accounts. A delivery failure is logged, never shown to the requester.
 */
export function sendMailInBackground(opts: {
  to: string;
  locale: "de" | "en";
  template: MailTemplate;
}): void {
  void sendMail(opts).catch((error: unknown) => {
    console.error(
      `[mail] delivery of "${opts.template.name}" failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
}

/**
 * The same security notice on the customer's push devices that allow security notices, off the
 * request path like the mail (which stays the channel of record).
 */
export function sendSecurityPushInBackground(userId: string, notice: SecurityPushNotice): void {
  void sendSecurityPush(userId, notice).catch((error: unknown) => {
    console.error(
      `[push] security notice "${notice}" failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
}

export { toLocale as localeOf } from "@/lib/i18n/config";

/** Where a security notice sends the person to review sessions and devices. */
export function securityReviewUrl(): string {
  return `${getEnv().appUrl}/account/security`;
}

/** The facts a security notice about a sign-in shows: when, which device, where from. */
export function signInMailFacts(client: ClientInfo) {
  const place = client.location
    ? [client.location.city, client.location.country].filter(Boolean).join(", ")
    : null;
  return {
    time: new Date(),
    browser: client.browser ?? "?",
    os: client.os ?? "?",
    location: place,
    ip: client.ip,
    reviewUrl: securityReviewUrl(),
  };
}
