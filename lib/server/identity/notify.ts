import "server-only";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { toLocale } from "@/lib/i18n/config";
import { sendMail, type MailTemplate } from "@/lib/server/mail/send-mail";
import type { MailFactor } from "@/lib/server/mail/templates";
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
 * A mail to a customer known by id, in their language, off the request path: the address and
 * language are looked up in the background too, so the caller neither waits nor fails for them.
 * A customer deleted meanwhile gets nothing.
 */
export function mailCustomerInBackground(userId: string, template: MailTemplate): void {
  void db.user
    .findUnique({ where: { id: userId }, select: { email: true, locale: true } })
    .then((user) => {
      if (user) sendMailInBackground({ to: user.email, locale: toLocale(user.locale), template });
    })
    .catch((error: unknown) => {
      console.error(
        `[mail] "${template.name}" not sent: ${error instanceof Error ? error.message : String(error)}`,
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

export { toLocale as localeOf };

/** Where a security notice sends the person to review sessions and devices. */
export function securityReviewUrl(): string {
  return `${getEnv().appUrl}/account/security`;
}

/**
 * A sign-in factor was added or removed: the push to devices that allow security notices and the
 * mail of record, so a hijacked session cannot change factors unnoticed.
 */
export function notifyFactorChange(
  userId: string,
  name: "factor-added" | "factor-removed",
  factor: MailFactor,
): void {
  sendSecurityPushInBackground(userId, "securitySettingsChanged");
  mailCustomerInBackground(userId, {
    name,
    data: { factor, time: new Date(), reviewUrl: securityReviewUrl() },
  });
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
