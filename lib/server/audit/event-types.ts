/**
 * The closed vocabulary of the audit log. `AuditEvent.type` and `actorRole` are plain strings in
 * the database (so the hashed table never depends on an enum migration); this list is what the
 * writer accepts. Adding a type is a code change reviewed with the feature that emits it. Plain
 * module (no `server-only`): staff views may label types in client components.
 */

export const AUDIT_EVENT_TYPES = [
  // Registration and email verification
  "auth.registered",
  // Someone tried to register an address that already has an account: the response is the same
  // as for a new address (no enumeration); the owner gets a notice mail instead.
  "auth.registration_attempt_existing",
  "auth.email_verification_sent",
  "auth.email_verified",
  "auth.email_verification_failed",
  // Proof of the mailbox (docs/decisions/0018): the first proof by a reset link removed what an
  // unproven party had set up; the verification link's "Das war ich nicht" deleted the account.
  "auth.account_reclaimed",
  "auth.unproven_account_discarded",
  // Sign-in and sign-out
  "auth.sign_in_succeeded",
  "auth.sign_in_failed",
  "auth.sign_in_throttled",
  "auth.signed_out",
  // Passwords
  "auth.password_reset_requested",
  "auth.password_reset_completed",
  "auth.password_reset_failed",
  "auth.password_changed",
  // Email change
  "auth.email_change_requested",
  "auth.email_changed",
  // Sessions and devices
  "auth.session_revoked",
  "auth.sessions_revoked_others",
  "auth.new_device_notice_sent",
  "auth.session_ended_at_limit",
  // Social login
  "auth.social_signed_up",
  "auth.social_signed_in",
  "auth.social_link_requested",
  "auth.social_linked",
  "auth.social_unlinked",
  // Consent (terms and privacy notice at registration; later issues add the rest)
  "consent.granted",
  "consent.withdrawn",
  // An admin published a new version of a purpose's texts (material or minor)
  "consent.version_published",
  // Second factors (TOTP, recovery codes, email codes) and the /login/verify step
  "auth.totp_enabled",
  "auth.totp_disabled",
  "auth.recovery_codes_generated",
  "auth.recovery_code_used",
  "auth.second_factor_required",
  "auth.risk_assessed",
  "auth.sign_in_blocked_by_risk",
  "auth.second_factor_succeeded",
  "auth.second_factor_failed",
  "auth.email_code_sent",
  // Ways out for the account holder (docs/decisions/0021, 0022): "Das war ich" granted and used,
  // "Das war ich nicht", the emailed unlock link past the account throttle, and a refused link
  "auth.risk_block_released",
  "auth.risk_release_used",
  "auth.risk_block_reported",
  "auth.sign_in_unlock_requested",
  "auth.sign_in_unlocked",
  "auth.sign_in_link_refused",
  // Passkeys
  "auth.passkey_registered",
  "auth.passkey_renamed",
  "auth.passkey_removed",
  "auth.passkey_signed_in",
  "auth.passkey_sign_in_failed",
  "auth.passkey_signed_up",
  // Step-up (re-authentication inside a session before a sensitive action)
  "auth.step_up_succeeded",
  "auth.step_up_failed",
  // A factor change asked of a session whose last authentication was weaker than the account's
  // strongest factor: sent to the step-up (docs/decisions/0024)
  "auth.strong_auth_required",
  // Transaction confirmation (lib/server/transactions)
  "transaction.created",
  "transaction.confirmed",
  "transaction.rejected",
  // Profile and addresses (values before/after, sensitive ones redacted)
  "profile.updated",
  // The mobile number proven by an SMS code (docs/decisions/0052); numbers masked
  "profile.phone_code_sent",
  "profile.phone_verified",
  "profile.phone_verification_failed",
  "address.created",
  "address.updated",
  "address.deleted",
  "address.defaults_changed",
  // Progressive profiling: a question dismissed ("Überspringen" / "Nicht jetzt"); answers are
  // profile.updated with source PROFILING_PROMPT
  "profiling.skipped",
  // Bank details and SEPA mandates
  "bank_account.added",
  "bank_account.changed",
  "bank_account.removed",
  "bank_account.revealed",
  "bank_account.keys_rotated",
  "sepa_mandate.granted",
  // Communication preferences, newsletter double opt-in, Web Push
  "communication.preferences_updated",
  // Service notices about orders, per channel (docs/decisions/0067)
  "communication.service_notices_updated",
  "newsletter.confirmation_sent",
  "newsletter.subscribed",
  "newsletter.unsubscribed",
  "push.subscribed",
  "push.unsubscribed",
  "push.test_sent",
  // Privacy: data export and account deletion (docs/decisions/0016)
  "privacy.export_requested",
  "privacy.export_downloaded",
  "privacy.deletion_requested",
  "privacy.deletion_cancelled",
  "privacy.account_erased",
  // Staff administration (docs/decisions/0041): an admin invited a staff member, who set a password
  "staff.invited",
  "staff.invitation_accepted",
  // Support console (docs/decisions/0042): an agent opened a customer (with the reason they gave),
  // acted on the account (each with a reason), or sent a request support may not make (refused)
  "support.customer_viewed",
  "support.account_locked",
  "support.account_unlocked",
  "support.password_reset_sent",
  "support.sessions_revoked",
  "support.verification_sent",
  "support.request_refused",
  // Support released a risk block for the blocked browser (docs/decisions/0044)
  "support.risk_block_released",
  // Marketing and the machine API (docs/decisions/0045): keys made and revoked by an admin, every
  // call of /api/v1 with the key as actor, and audience exports with their row count
  "api_key.created",
  "api_key.revoked",
  "api.request",
  "audience.exported",
  // Webhooks (docs/decisions/0047): endpoints registered and disabled, deliveries sent again
  "webhook.endpoint_created",
  "webhook.endpoint_disabled",
  "webhook.delivery_resent",
  // Orders from the shop (docs/decisions/0060), with the shop's API key as actor
  "order.created",
  "order.updated",
  "order.shipment_added",
  "order.shipment_event_recorded",
  "order.document_stored",
  // The customer's side of orders (docs/decisions/0066): a document downloaded by its owner
  "order.document_downloaded",
  // Shop approvals (docs/decisions/0063): the shop's request with the key as actor, the customer's
  // decision (the passkey confirmation itself is transaction.confirmed), and the request expiring
  "shop_approval.requested",
  "shop_approval.approved",
  "shop_approval.declined",
  "shop_approval.expired",
  // Returns (docs/decisions/0062): the customer's return of delivered items
  "order.return_requested",
] as const;

export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

/** Who acted. ANONYMOUS: a request without a session (e.g. a failed sign-in); SYSTEM: jobs. */
export const ACTOR_ROLES = [
  "CUSTOMER",
  "SUPPORT",
  "MARKETING",
  "ADMIN",
  "SYSTEM",
  "ANONYMOUS",
  "API_KEY",
] as const;

export type ActorRole = (typeof ACTOR_ROLES)[number];

export function isAuditEventType(value: unknown): value is AuditEventType {
  return typeof value === "string" && (AUDIT_EVENT_TYPES as readonly string[]).includes(value);
}

export function isActorRole(value: unknown): value is ActorRole {
  return typeof value === "string" && (ACTOR_ROLES as readonly string[]).includes(value);
}
