/**
 * Mails that prove an address or let the owner back in: registration, a changed address, a
 * forgotten password. Each carries a single-use link; none says whether an account exists beyond
 * what the mailbox's owner may know.
 */
import { button, paragraph, type MailRenderers } from "./kit";

export type IdentityMailData = {
  "verify-email": { url: string };
  /** Someone tried to register an existing address: the answer on screen is the same (no enumeration). */
  "registration-attempt": { loginUrl: string; resetUrl: string; isUnconfirmed: boolean };
  "email-change-verify": { url: string; newEmail: string };
  "password-reset": { url: string; expiresMinutes: number };
  /** Reset requested for an address without an account; sending it is the caller's choice. */
  "password-reset-unknown": { registerUrl: string };
};

export const identityMails: MailRenderers<IdentityMailData> = {
  "verify-email": (d, { t }) => ({
    subject: t("verifyEmail.subject"),
    heading: t("verifyEmail.heading"),
    blocks: [
      paragraph(t("verifyEmail.intro")),
      button(t("verifyEmail.button"), d.url),
      paragraph(t("verifyEmail.validity")),
      paragraph(t("verifyEmail.notYou")),
    ],
  }),

  "registration-attempt": (d, { t }) => ({
    subject: t("registrationAttempt.subject"),
    heading: t("registrationAttempt.heading"),
    blocks: [
      paragraph(t("registrationAttempt.intro")),
      // Unproven: perhaps someone else registered the address first; a reset reclaims it.
      ...(d.isUnconfirmed ? [paragraph(t("registrationAttempt.unconfirmed"))] : []),
      paragraph(t("registrationAttempt.signIn")),
      button(t("registrationAttempt.signInButton"), d.loginUrl),
      paragraph(t("registrationAttempt.reset")),
      button(t("registrationAttempt.resetButton"), d.resetUrl, true),
      paragraph(t("registrationAttempt.notYou")),
    ],
  }),

  "email-change-verify": (d, { t }) => ({
    subject: t("emailChangeVerify.subject"),
    heading: t("emailChangeVerify.heading"),
    blocks: [
      paragraph(t("emailChangeVerify.intro", { newEmail: d.newEmail })),
      button(t("emailChangeVerify.button"), d.url),
      paragraph(t("emailChangeVerify.pending")),
      paragraph(t("emailChangeVerify.notYou")),
    ],
  }),

  "password-reset": (d, { t }) => ({
    subject: t("passwordReset.subject"),
    heading: t("passwordReset.heading"),
    blocks: [
      paragraph(t("passwordReset.intro")),
      button(t("passwordReset.button"), d.url),
      paragraph(t("passwordReset.validity", { minutes: d.expiresMinutes })),
      paragraph(t("passwordReset.sessions")),
      paragraph(t("passwordReset.notYou")),
    ],
  }),

  "password-reset-unknown": (d, { t }) => ({
    subject: t("passwordResetUnknown.subject"),
    heading: t("passwordResetUnknown.heading"),
    blocks: [
      paragraph(t("passwordResetUnknown.intro")),
      paragraph(t("passwordResetUnknown.otherAddress")),
      paragraph(t("passwordResetUnknown.register")),
      button(t("passwordResetUnknown.button"), d.registerUrl),
      paragraph(t("passwordResetUnknown.notYou")),
    ],
  }),
};
