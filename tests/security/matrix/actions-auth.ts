/**
 * The matrix's actions of signing in and out, signing up, resets, the second step, step-up and
 * the buttons behind mailed links: public or the caller's own session, so no "other" ids.
 */
import { uniqueEmail } from "../../e2e/support/users";
import { ALL, act, BOGUS_ASSERTION, form, NA, type ActionRow } from "./cells";

export const AUTH_ACTIONS: Record<string, ActionRow> = {
  signInWithPassword: {
    ...ALL("code:UNAUTHENTICATED"),
    call: (c) =>
      act(c, "signInWithPassword", { email: uniqueEmail("x"), password: "falsch", rememberMe: false }),
    other: NA("public"),
  },
  registerAccount: {
    ...ALL("code:VALIDATION_FAILED"),
    call: (c) =>
      act(c, "registerAccount", { email: uniqueEmail("x"), password: "password123", acceptTerms: true }),
    other: NA("public"),
  },
  requestPasswordReset: {
    ...ALL("redirect:/forgot-password/sent"),
    call: (c) => act(c, "requestPasswordReset", { email: uniqueEmail("x") }),
    other: NA("public"),
  },
  resetPassword: {
    ...ALL("code:NOT_FOUND"),
    call: (c) => act(c, "resetPassword", { token: "unbekannt", password: "Ein neuer Satz für 2026" }),
    other: NA("the token is the authority; see mailed-links.spec.ts"),
  },
  // The buttons behind mailed links (decisions 0019, 0021, 0022): the single-use token is the
  // authority; an unknown one changes nothing for anyone (mailed-links.spec.ts uses real ones).
  confirmEmailLinkAction: {
    ...ALL("redirect:/verify-email?status=invalid"),
    call: (c) => form(c, "confirmEmailLinkAction", { token: "unbekannt" }),
    other: NA("the token is the authority; see mailed-links.spec.ts"),
  },
  discardRegistrationAction: {
    ...ALL("redirect:/verify-email?status=invalid"),
    call: (c) => form(c, "discardRegistrationAction", { token: "unbekannt" }),
    other: NA("the token is the authority; see mailed-links.spec.ts"),
  },
  confirmBlockedSignInAction: {
    ...ALL("redirect:/login/it-was-me?status=INVALID_LINK"),
    call: (c) => form(c, "confirmBlockedSignInAction", { token: "unbekannt" }),
    other: NA("the token is the authority; see mailed-links.spec.ts"),
  },
  reportBlockedSignInAction: {
    ...ALL("redirect:/login/not-me?status=INVALID_LINK"),
    call: (c) => form(c, "reportBlockedSignInAction", { token: "unbekannt" }),
    other: NA("the token is the authority; see mailed-links.spec.ts"),
  },
  unlockSignInAction: {
    ...ALL("redirect:/login/unlock?status=INVALID_LINK"),
    call: (c) => form(c, "unlockSignInAction", { token: "unbekannt" }),
    other: NA("the token is the authority; see mailed-links.spec.ts"),
  },
  resendRegistrationMailAction: {
    // Acts only for the browser's own registration cookie, which these clients do not hold.
    ...ALL("code:NOT_FOUND"),
    call: (c) => act(c, "resendRegistrationMailAction"),
    other: NA("the registration cookie is the authority; see pending-registration.test.ts"),
  },
  requestSignInUnlockAction: {
    ...ALL("ok"), // the same answer for every address (no enumeration)
    call: (c) => act(c, "requestSignInUnlockAction", { email: uniqueEmail("x") }),
    other: NA("public"),
  },
  confirmNewsletterAction: {
    ...ALL("redirect:/newsletter/confirm?status=invalid"),
    call: (c) => form(c, "confirmNewsletterAction", { token: "unbekannt" }),
    other: NA("the token is the authority; see mailed-links.spec.ts"),
  },
  unsubscribeNewsletterAction: {
    ...ALL("redirect:/newsletter/unsubscribe/confirm?status=invalid"),
    call: (c) => form(c, "unsubscribeNewsletterAction", { token: "u1.x.y" }),
    other: NA("the signed token is the authority; forging it: csrf.spec.ts"),
  },
  setLocale: {
    ...ALL("redirect:/account"),
    call: (c) => form(c, "setLocale", { locale: "en", returnTo: "/account" }),
    other: NA("a browser preference"),
  },
  startPasskeySignInAction: {
    ...ALL("ok"),
    call: (c) => act(c, "startPasskeySignInAction"),
    other: NA("public"),
  },
  finishPasskeySignInAction: {
    ...ALL("code:UNAUTHENTICATED"),
    call: (c) => act(c, "finishPasskeySignInAction", { response: BOGUS_ASSERTION }),
    other: NA("public"),
  },
  startPasskeySignUpAction: {
    ...ALL("ok"),
    call: (c) => act(c, "startPasskeySignUpAction", { email: uniqueEmail("x"), acceptTerms: true }),
    other: NA("public"),
  },
  finishPasskeySignUpAction: {
    ...ALL("code:VALIDATION_FAILED"),
    call: (c) => act(c, "finishPasskeySignUpAction", { pendingToken: "x", response: {} }),
    other: NA("public"),
  },
  verifySecondFactorAction: {
    ...ALL("code:UNAUTHENTICATED"),
    call: (c) => act(c, "verifySecondFactorAction", { method: "EMAIL_CODE", code: "123456" }),
    other: NA("the pending sign-in cookie is the authority"),
  },
  resendEmailCodeAction: {
    ...ALL("code:UNAUTHENTICATED"),
    call: (c) => act(c, "resendEmailCodeAction"),
    other: NA("the pending sign-in cookie is the authority"),
  },
  linkSocialAccountAction: {
    ...ALL("code:NOT_FOUND"),
    call: (c) => act(c, "linkSocialAccountAction", { token: "unbekannt", password: "falsch" }),
    other: NA("the token is the authority"),
  },
  stepUpOptionsAction: {
    anonymous: "login",
    signedIn: "ok",
    call: (c) => act(c, "stepUpOptionsAction"),
    other: NA("the caller's own session"),
  },
  stepUpWithPasswordAction: {
    anonymous: "login",
    signedIn: "code:VALIDATION_FAILED",
    call: (c) => act(c, "stepUpWithPasswordAction", { password: "falsch" }),
    other: NA("the caller's own session"),
  },
  startStepUpPasskeyAction: {
    anonymous: "login",
    signedIn: "ok",
    call: (c) => act(c, "startStepUpPasskeyAction"),
    other: NA("the caller's own session"),
  },
  finishStepUpPasskeyAction: {
    anonymous: "login",
    signedIn: "code:VALIDATION_FAILED",
    call: (c) => act(c, "finishStepUpPasskeyAction", BOGUS_ASSERTION),
    other: NA("the caller's own session"),
  },
  sendStepUpCodeAction: {
    anonymous: "login",
    signedIn: "ok",
    call: (c) => act(c, "sendStepUpCodeAction"),
    other: NA("the caller's own session"),
  },
  stepUpWithEmailCodeAction: {
    anonymous: "login",
    signedIn: "code:VALIDATION_FAILED",
    call: (c) => act(c, "stepUpWithEmailCodeAction", { code: "123456" }),
    other: NA("the caller's own session"),
  },
};
