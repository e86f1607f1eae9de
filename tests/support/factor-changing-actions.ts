/**
 * The server actions that add, remove or replace a way to sign in or recover the account (issue
 * 10, finding 3; docs/decisions/0024). Each must pass the one guard,
 * requireRecentAuth({ strength: "strongest" }) or its page form. tests/unit/factor-change-guard
 * finds these by what they call, so a new one cannot be added without appearing here, and
 * tests/integration/factor-changes runs each of them with a session that is too weak.
 */
export const FACTOR_CHANGING_ACTIONS = [
  "account-security.changeEmailAction",
  "account-security.changePasswordAction",
  "factors.confirmTotpAction",
  "factors.disableTotpAction",
  "factors.regenerateRecoveryCodesAction",
  "factors.startTotpEnrolmentAction",
  "passkeys.finishPasskeyRegistrationAction",
  "passkeys.removePasskeyAction",
  "passkeys.startPasskeyRegistrationAction",
  "social.startSocialConnectAction",
  "social.unlinkSocialIdentityAction",
] as const;

/** Domain functions that change a factor: an action calling one of them changes factors. */
export const FACTOR_MUTATIONS = [
  "startTotpEnrolment",
  "confirmTotpEnrolment",
  "regenerateRecoveryCodes",
  "disableTotp",
  "passkeyRegistrationOptions",
  "addPasskey",
  "removePasskey",
  "setConnectIntent",
  "unlinkSocialIdentity",
  "changePassword",
  "requestEmailChange",
  // Without a session (see below); lib/actions/auth.ts imports the reset as completeReset.
  "completeReset",
  "completeSocialLink",
  "finishPasskeySignUp",
] as const;

/**
 * Actions that change a credential without a signed-in session, so there is no session to step
 * up: each is its own proof, named here with the reason.
 */
export const FACTOR_CHANGES_WITHOUT_SESSION: Record<string, string> = {
  "auth.resetPassword": "the emailed single-use reset link is the proof (/reset-password)",
  "social.linkSocialAccountAction": "the account's password is the proof (/login/link, decision 0004)",
  "passkeys.finishPasskeySignUpAction": "creates a new account's first credential",
};
