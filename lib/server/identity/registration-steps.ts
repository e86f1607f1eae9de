import "server-only";
/**
 * The steps password and passkey registration share, so both answer and record alike: the
 * consents given by signing up, the verification mail, and the quiet notice when the address
 * already has an account (the requester sees the same "check your mail" page either way).
 */
import { db, type Tx } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { recordConsent } from "@/lib/server/consent/record-consent";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { localeOf, sendMailInBackground } from "./notify";
import { tokenLink } from "./tokens";
import { anonymousActor } from "@/lib/server/actor";

/**
 * The one checkbox at sign-up ("I accept the terms of use and have read the privacy notice"), or
 * the same statement next to the social sign-in buttons, as one record of the purpose `terms`,
 * whose text is that statement (decision 0015).
 */
export async function recordRegistrationConsent(
  opts: { userId: string; locale: "de" | "en"; client: ClientInfo },
  { tx = db }: { tx?: Tx } = {},
): Promise<void> {
  await recordConsent(
    {
      userId: opts.userId,
      purposeKey: "terms",
      action: "GRANTED",
      source: "REGISTRATION",
      locale: opts.locale,
      ip: opts.client.ip,
      userAgent: opts.client.userAgent,
    },
    { tx },
  );
}

/**
 * What a verification link carries besides its account: the SHA-256 of the registering browser's
 * cookie value (docs/decisions/0056), so that browser alone may resend, replace the address, or
 * continue signed in after confirming. Undefined (no payload) for links issued elsewhere.
 */
export function registrationPayload(browserBinding: string | undefined) {
  return browserBinding ? { registeredBy: browserBinding } : undefined;
}

/** The registering browser's binding stored with a verification link's payload, if any. */
export function registeredByOf(payload: unknown): string | null {
  const value = (payload as { registeredBy?: unknown } | null)?.registeredBy;
  return typeof value === "string" ? value : null;
}

export function sendVerificationMail(opts: { to: string; locale: "de" | "en"; token: string }): void {
  sendMailInBackground({
    to: opts.to,
    locale: opts.locale,
    template: { name: "verify-email", data: { url: tokenLink("/verify-email", opts.token) } },
  });
}

/**
 * Someone tried to register an address that has an account: audit it and tell the owner. When that
 * account's address was never proven, the mail says so: resetting the password then reclaims it
 * from whoever set it up (docs/decisions/0018).
 */
export async function notifyRegistrationAttempt(
  existing: { id: string; email: string; locale: string; emailVerifiedAt: Date | null },
  opts: { method: "PASSWORD" | "PASSKEY"; client: ClientInfo },
): Promise<void> {
  await writeAuditEvent(db, {
    type: "auth.registration_attempt_existing",
    actor: anonymousActor(opts.client),
    subject: existing.id,
    metadata: { method: opts.method },
  });
  const { appUrl } = getEnv();
  sendMailInBackground({
    to: existing.email,
    locale: localeOf(existing.locale),
    template: {
      name: "registration-attempt",
      data: {
        loginUrl: `${appUrl}/login`,
        resetUrl: `${appUrl}/forgot-password`,
        isUnconfirmed: existing.emailVerifiedAt === null,
      },
    },
  });
}
