/**
 * Which audit events the customer's activity list (/account/activity) shows, and the history
 * filters of the support console (issue 12, docs/decisions/0042). Plain module (no server-only,
 * beside the event types it names): pages and the
 * domain read it; the wording is in messages/*.json under `account.activity.events.<key>`.
 */
import { AUDIT_EVENT_TYPES, type AuditEventType } from "@/lib/server/audit/event-types";

/** Event type → message key: the customer's own changes and everything support did or saw. */
export const CUSTOMER_ACTIVITY = {
  "profile.updated": "profileUpdated",
  "address.created": "addressCreated",
  "address.updated": "addressUpdated",
  "address.deleted": "addressDeleted",
  "bank_account.added": "bankAccountAdded",
  "bank_account.changed": "bankAccountChanged",
  "bank_account.removed": "bankAccountRemoved",
  "bank_account.revealed": "bankAccountRevealed",
  "auth.password_changed": "passwordChanged",
  "auth.password_reset_completed": "passwordReset",
  "auth.email_changed": "emailChanged",
  "auth.totp_enabled": "totpEnabled",
  "auth.totp_disabled": "totpDisabled",
  "auth.passkey_registered": "passkeyRegistered",
  "auth.passkey_removed": "passkeyRemoved",
  "consent.granted": "consentGranted",
  "consent.withdrawn": "consentWithdrawn",
  "communication.preferences_updated": "communicationUpdated",
  "support.customer_viewed": "supportViewed",
  "support.account_locked": "supportLocked",
  "support.account_unlocked": "supportUnlocked",
  "support.password_reset_sent": "supportResetSent",
  "support.sessions_revoked": "supportSessionsRevoked",
  "support.verification_sent": "supportVerificationSent",
} as const satisfies Partial<Record<AuditEventType, string>>;
export type CustomerActivityKey = (typeof CUSTOMER_ACTIVITY)[keyof typeof CUSTOMER_ACTIVITY];

export function activityKeyOf(type: string): CustomerActivityKey | null {
  return (CUSTOMER_ACTIVITY as Record<string, CustomerActivityKey>)[type] ?? null;
}

/** The support history's type filter: groups of event types by their dotted prefix. */
export const HISTORY_FILTERS = {
  signIn: [
    "auth.sign_in",
    "auth.second_factor",
    "auth.risk",
    "auth.passkey_sign",
    "auth.email_code",
    "auth.social_signed",
  ],
  security: [
    "auth.password",
    "auth.totp",
    "auth.passkey_r",
    "auth.recovery",
    "auth.session",
    "auth.email_change",
  ],
  data: ["profile.", "address.", "bank_account.", "sepa_mandate."],
  consent: ["consent.", "communication.", "newsletter."],
  support: ["support."],
} as const;
export type HistoryFilter = keyof typeof HISTORY_FILTERS;
export const HISTORY_FILTER_KEYS = Object.keys(HISTORY_FILTERS) as HistoryFilter[];

/** The event types a history filter stands for. */
export function typesOfFilter(filter: HistoryFilter): AuditEventType[] {
  return AUDIT_EVENT_TYPES.filter((type) =>
    HISTORY_FILTERS[filter].some((prefix) => type.startsWith(prefix)),
  );
}

export const CUSTOMER_ACTIVITY_TYPES = Object.keys(CUSTOMER_ACTIVITY) as AuditEventType[];
