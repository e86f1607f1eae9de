/**
 * The vocabulary of a sign-in's steps, shared by the completion (complete-sign-in.ts), the pending
 * second step (pending-sign-in.ts), the second-factor decision and the audit: a leaf module, so
 * those can name each other's steps without importing each other.
 */

export type SecondFactorMethod = "TOTP" | "RECOVERY_CODE" | "EMAIL_CODE";

/** A provider account waiting to be linked once the account's password is given (/login/link). */
export type PendingSocialLink = { provider: string; subject: string; email: string };

/** How the first step was proven. */
export type FirstFactor =
  | { method: "PASSWORD" }
  | { method: "PASSKEY"; passkeyId: string; userVerified: boolean }
  /** A returning provider identity, or the account it has just created (no factor to ask for yet). */
  | { method: "SOCIAL"; provider: string; isNewAccount: boolean }
  /** /login/link: the account's password and the provider account, linked with the session. */
  | { method: "SOCIAL_LINK"; link: PendingSocialLink };
