/**
 * THE authorisation matrix (PRODUCT.md §2, §6; ASVS V8): every route and every server action ×
 * anonymous, CUSTOMER, SUPPORT, MARKETING, ADMIN, and a customer using another customer's ids.
 * One row per route (from app/) and per action (from the build's manifest); authorization.spec.ts
 * fails for a route or action without a row. `signedIn` is the expectation for all four roles
 * unless `roles` says otherwise for one.
 *
 * Outcomes: pages and handlers "200", "404", "login" (sent to /login to come back), "redirect:<to>";
 * actions "ok", "login", "not-found", "code:<AppErrorCode>", "redirect:<to>". A trailing "…"
 * matches a prefix. "Other" cells must also leave the victim's data as it was (or not show it).
 */
import { expect } from "@playwright/test";
import { e2eDb, uniqueEmail } from "../e2e/support/users";
import { sessionWorks, type Role } from "./support/actors";
import { ADDRESS_INPUT, IBAN, NEW_IBAN, OTHER_IBAN, type OwnedObjects } from "./support/owned-objects";
import type { ActionReply, PortalClient } from "./support/portal-client";

export type Expect = string;
type Cells = { anonymous: Expect; signedIn: Expect; roles?: Partial<Record<Role, Expect>> };
type OtherAction = { expect: Expect; intact: (victim: OwnedObjects) => Promise<void> } | { na: string };
export type ActionRow = Cells & {
  call: (c: PortalClient, own: OwnedObjects) => Promise<ActionReply>;
  other: OtherAction;
};
export type RouteRow = Cells & {
  path: (own: OwnedObjects) => Promise<string> | string;
  method?: "GET" | "POST";
  body?: () => BodyInit;
  /**
   * With another customer's id: the outcome, and what of the owner's must not appear. The owner's
   * own CUSTOMER cell must show exactly that (the check could fail).
   */
  other?: { expect: Expect; secrets: (owner: OwnedObjects) => string[] };
};

export type Column = "anonymous" | Role;

export function expectation(row: Cells, column: Column): Expect {
  return column === "anonymous" ? row.anonymous : (row.roles?.[column] ?? row.signedIn);
}

/** The expected outcome as a pattern: exact, or a prefix when it ends in "…". */
export function pattern(expected: Expect): RegExp {
  const prefix = expected.endsWith("…");
  const text = (prefix ? expected.slice(0, -1) : expected).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${text}${prefix ? "" : "$"}`);
}

const ALL = (e: Expect) => ({ anonymous: e, signedIn: e });
const PAGE = { anonymous: "login", signedIn: "200" };
const NA = (na: string) => ({ na });
const STAFF_ONLY = (allowed: Role[]): Cells => ({
  anonymous: "login",
  signedIn: "404",
  roles: Object.fromEntries(allowed.map((r) => [r, "200"])),
});

const still = async (found: Promise<unknown>, shape: Record<string, unknown> = {}) =>
  expect(await found).toMatchObject(shape);
const addressIntact = async (v: OwnedObjects) =>
  still(e2eDb().address.findUnique({ where: { id: await v.address() } }), {
    recipientName: "Erika Mustermann",
    isDefaultShipping: false,
  });
const passkeyIntact = async (v: OwnedObjects) =>
  still(e2eDb().passkey.findUnique({ where: { id: await v.passkey() } }), { name: "Laptop" });
const bankIntact = async (v: OwnedObjects) =>
  still(e2eDb().bankAccount.findUnique({ where: { id: await v.bankAccount() } }), {
    ibanLast4: IBAN.slice(-4),
  });
const pushIntact = async (v: OwnedObjects) =>
  still(e2eDb().pushSubscription.findUnique({ where: { id: await v.pushSubscription() } }), {
    allowsTransactional: true,
    allowsMarketing: false,
  });
const transactionIntact = async (v: OwnedObjects) =>
  still(e2eDb().transactionConfirmation.findUnique({ where: { id: await v.transaction() } }), {
    status: "PENDING",
  });

const SHOWN_HASH = "0".repeat(64);
const BOGUS_ASSERTION = {
  id: "AAAA",
  rawId: "AAAA",
  type: "public-key",
  clientExtensionResults: {},
  response: { clientDataJSON: "AAAA", authenticatorData: "AAAA", signature: "AAAA" },
};

export const ROUTES: Record<string, RouteRow> = {
  "GET /": { ...ALL("200"), path: () => "/" },
  "GET /account": { ...PAGE, path: () => "/account" },
  "GET /account/addresses": { ...PAGE, path: () => "/account/addresses" },
  "GET /account/addresses/[id]/edit": {
    ...PAGE,
    path: async (own) => `/account/addresses/${await own.address()}/edit`,
    other: { expect: "404", secrets: (owner) => [owner.addressLabel] },
  },
  "GET /account/addresses/new": { ...PAGE, path: () => "/account/addresses/new" },
  "GET /account/communication": { ...PAGE, path: () => "/account/communication" },
  "GET /account/orders": { ...PAGE, path: () => "/account/orders" },
  "GET /account/payment": { ...PAGE, path: () => "/account/payment" },
  "GET /account/payment/confirm/[transactionId]": {
    ...PAGE,
    path: async (own) => `/account/payment/confirm/${await own.transaction()}`,
    // The page answers 200 with "nothing to confirm"; the victim's new IBAN must not be in it.
    other: { expect: "200", secrets: () => [NEW_IBAN.replace(/(.{4})/g, "$1 ").trim()] },
  },
  "GET /account/privacy": { ...PAGE, path: () => "/account/privacy" },
  "GET /account/profile": { ...PAGE, path: () => "/account/profile" },
  "GET /account/security": { ...PAGE, path: () => "/account/security" },
  "GET /admin": { ...STAFF_ONLY(["ADMIN"]), path: () => "/admin" },
  "GET /admin/consent": { ...STAFF_ONLY(["ADMIN"]), path: () => "/admin/consent" },
  "GET /admin/consent/[key]": { ...STAFF_ONLY(["ADMIN"]), path: () => "/admin/consent/marketing_email" },
  "GET /api/account/export": {
    anonymous: "login",
    signedIn: "200",
    path: async (own) => `/api/account/export?token=${encodeURIComponent(await own.exportToken())}`,
    other: { expect: "redirect:/account/privacy?export=link-invalid", secrets: (owner) => [owner.email] },
  },
  "GET /api/auth/[...nextauth]": { ...ALL("200"), path: () => "/api/auth/providers" },
  // Without next-auth's CSRF token: back to its own confirmation page, nothing done.
  "POST /api/auth/[...nextauth]": {
    ...ALL("redirect:/api/auth/signout?csrf=true"),
    method: "POST",
    path: () => "/api/auth/signout",
  },
  "GET /api/health": { ...ALL("200"), path: () => "/api/health" },
  "GET /forgot-password": { ...ALL("200"), path: () => "/forgot-password" },
  "GET /forgot-password/sent": { ...ALL("200"), path: () => "/forgot-password/sent" },
  "GET /imprint": { ...ALL("200"), path: () => "/imprint" },
  "GET /login": { ...ALL("200"), path: () => "/login" },
  "GET /login/link": { ...ALL("200"), path: () => "/login/link?token=unbekannt" },
  "GET /login/step-up": { ...PAGE, path: () => "/login/step-up" },
  "GET /login/verify": { ...ALL("200"), path: () => "/login/verify" },
  "GET /marketing": { ...STAFF_ONLY(["MARKETING", "ADMIN"]), path: () => "/marketing" },
  "GET /newsletter/confirm": { ...ALL("200"), path: () => "/newsletter/confirm?token=unbekannt" },
  "GET /newsletter/unsubscribe": {
    ...ALL("redirect:/newsletter/unsubscribe/confirm?token=unbekannt"),
    path: () => "/newsletter/unsubscribe?token=unbekannt",
  },
  "POST /newsletter/unsubscribe": {
    ...ALL("404"),
    method: "POST",
    body: () => new URLSearchParams({ "List-Unsubscribe": "One-Click" }),
    path: () => "/newsletter/unsubscribe?token=u1.x.y",
  },
  "GET /newsletter/unsubscribe/confirm": {
    ...ALL("200"),
    path: () => "/newsletter/unsubscribe/confirm?token=x",
  },
  "GET /privacy": { ...ALL("200"), path: () => "/privacy" },
  "GET /register": { ...ALL("200"), path: () => "/register" },
  "GET /register/check-email": { ...ALL("200"), path: () => "/register/check-email" },
  "GET /reset-password": { ...ALL("200"), path: () => "/reset-password?token=unbekannt" },
  "GET /support": { ...STAFF_ONLY(["SUPPORT", "ADMIN"]), path: () => "/support" },
  "GET /verify-email": { ...ALL("200"), path: () => "/verify-email?token=unbekannt" },
};

const form = (c: PortalClient, name: string, fields: Record<string, string>) => c.formAction(name, fields);
const act = (c: PortalClient, name: string, ...args: unknown[]) => c.action(name, args);
const SECURITY = "/account/security";

export const ACTIONS: Record<string, ActionRow> = {
  signOutAction: {
    ...ALL("redirect:/login"),
    call: (c) => act(c, "signOutAction"),
    other: NA("acts on the caller's own session only"),
  },
  signOutSessionAction: {
    anonymous: "login",
    signedIn: `redirect:${SECURITY}?notice=session-signed-out`,
    call: async (c, o) => form(c, "signOutSessionAction", { sessionId: await o.session() }),
    other: {
      expect: `redirect:${SECURITY}?notice=session-signed-out`,
      intact: async (v) => {
        await v.session();
        expect(await sessionWorks(v.otherSessionToken!)).toBe(true);
      },
    },
  },
  signOutOtherSessionsAction: {
    anonymous: "login",
    signedIn: `redirect:${SECURITY}?notice=others-signed-out…`,
    call: (c) => act(c, "signOutOtherSessionsAction"),
    other: NA("takes no id: always the caller's own sessions"),
  },
  changeEmailAction: {
    anonymous: "login",
    signedIn: "ok",
    call: (c) => act(c, "changeEmailAction", { newEmail: uniqueEmail("neu") }),
    other: NA("takes no id"),
  },
  resendVerificationAction: {
    anonymous: "login",
    signedIn: "code:VALIDATION_FAILED",
    call: (c) => act(c, "resendVerificationAction"),
    other: NA("takes no id"),
  },
  changePasswordAction: {
    anonymous: "login",
    signedIn: "ok",
    call: (c) => act(c, "changePasswordAction", { newPassword: "Ein neuer Satz für 2026" }),
    other: NA("takes no id"),
  },
  createAddressAction: {
    anonymous: "login",
    signedIn: "redirect:/account/addresses?notice=created",
    call: (c) => act(c, "createAddressAction", ADDRESS_INPUT),
    other: NA("takes no id"),
  },
  updateAddressAction: {
    anonymous: "login",
    signedIn: "redirect:/account/addresses?notice=updated",
    call: async (c, o) =>
      act(c, "updateAddressAction", await o.address(), { ...ADDRESS_INPUT, recipientName: "Angreifer" }),
    other: { expect: "code:NOT_FOUND", intact: addressIntact },
  },
  deleteAddressAction: {
    anonymous: "login",
    signedIn: "redirect:/account/addresses?notice=deleted",
    call: async (c, o) => form(c, "deleteAddressAction", { addressId: await o.address() }),
    other: { expect: "redirect:/account/addresses?notice=not-found", intact: addressIntact },
  },
  setDefaultAddressAction: {
    anonymous: "login",
    signedIn: "redirect:/account/addresses?notice=default-shipping",
    call: async (c, o) =>
      form(c, "setDefaultAddressAction", { addressId: await o.address(), kind: "shipping" }),
    other: { expect: "redirect:/account/addresses?notice=not-found", intact: addressIntact },
  },
  publishConsentVersionAction: {
    anonymous: "login",
    signedIn: "not-found",
    roles: { ADMIN: "code:VALIDATION_FAILED" }, // past authorisation; the empty texts are refused
    call: (c) => act(c, "publishConsentVersionAction", { purposeKey: "marketing_email" }),
    other: NA("consent purposes belong to no customer"),
  },
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
  updateCommunicationPreferencesAction: {
    anonymous: "login",
    signedIn: "ok",
    call: (c) =>
      act(c, "updateCommunicationPreferencesAction", {
        topics: [],
        email: true,
        push: false,
        sms: false,
        frequency: "WEEKLY",
      }),
    other: NA("takes no id"),
  },
  resendNewsletterConfirmationAction: {
    anonymous: "login",
    signedIn: "code:VALIDATION_FAILED",
    call: (c) => act(c, "resendNewsletterConfirmationAction"),
    other: NA("takes no id"),
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
  changeConsentAction: {
    anonymous: "login",
    signedIn: "ok",
    call: (c) => act(c, "changeConsentAction", { purposeKey: "analytics", version: 1, decision: "grant" }),
    other: NA("acts on the caller's own consent"),
  },
  answerReConsentAction: {
    anonymous: "login",
    signedIn: "ok",
    call: (c) => act(c, "answerReConsentAction", { purposeKey: "analytics", version: 1, answer: "decline" }),
    other: NA("acts on the caller's own consent"),
  },
  startTotpEnrolmentAction: {
    anonymous: "login",
    signedIn: "ok",
    call: (c) => act(c, "startTotpEnrolmentAction"),
    other: NA("takes no id"),
  },
  confirmTotpAction: {
    anonymous: "login",
    signedIn: "code:VALIDATION_FAILED",
    call: (c) => act(c, "confirmTotpAction", { code: "123456" }),
    other: NA("takes no id"),
  },
  regenerateRecoveryCodesAction: {
    anonymous: "login",
    signedIn: "code:NOT_FOUND",
    call: (c) => act(c, "regenerateRecoveryCodesAction"),
    other: NA("takes no id"),
  },
  disableTotpAction: {
    anonymous: "login",
    signedIn: "code:VALIDATION_FAILED",
    call: (c) => act(c, "disableTotpAction", { proof: "password", secret: "falsch" }),
    other: NA("takes no id"),
  },
  setLocale: {
    ...ALL("redirect:/account"),
    call: (c) => form(c, "setLocale", { locale: "en", returnTo: "/account" }),
    other: NA("a browser preference"),
  },
  startPasskeyRegistrationAction: {
    anonymous: "login",
    signedIn: "ok",
    call: (c) => act(c, "startPasskeyRegistrationAction"),
    other: NA("takes no id"),
  },
  finishPasskeyRegistrationAction: {
    anonymous: "login",
    signedIn: "code:VALIDATION_FAILED",
    call: (c) => act(c, "finishPasskeyRegistrationAction", {}),
    other: NA("takes no id"),
  },
  renamePasskeyAction: {
    anonymous: "login",
    signedIn: "ok",
    call: async (c, o) => act(c, "renamePasskeyAction", { passkeyId: await o.passkey(), name: "Angreifer" }),
    other: { expect: "code:NOT_FOUND", intact: passkeyIntact },
  },
  removePasskeyAction: {
    anonymous: "login",
    signedIn: "ok",
    call: async (c, o) => act(c, "removePasskeyAction", { passkeyId: await o.passkey() }),
    other: { expect: "code:NOT_FOUND", intact: passkeyIntact },
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
  addBankAccountAction: {
    anonymous: "login",
    signedIn: "ok",
    call: (c) =>
      act(c, "addBankAccountAction", {
        holderName: "Erika Mustermann",
        iban: OTHER_IBAN,
        bic: "",
        grantMandate: false,
      }),
    other: NA("takes no id"),
  },
  changeBankAccountAction: {
    anonymous: "login",
    signedIn: "ok",
    call: async (c, o) =>
      act(c, "changeBankAccountAction", {
        bankAccountId: await o.bankAccount(),
        holderName: "Angreifer",
        iban: "",
        bic: "",
        grantMandate: false,
      }),
    other: { expect: "code:NOT_FOUND", intact: bankIntact },
  },
  removeBankAccountAction: {
    anonymous: "login",
    signedIn: "ok",
    call: async (c, o) => act(c, "removeBankAccountAction", { bankAccountId: await o.bankAccount() }),
    other: { expect: "code:NOT_FOUND", intact: bankIntact },
  },
  revealIbanAction: {
    anonymous: "login",
    signedIn: "ok",
    call: async (c, o) => act(c, "revealIbanAction", { bankAccountId: await o.bankAccount() }),
    other: { expect: "code:NOT_FOUND", intact: bankIntact },
  },
  requestDataExportAction: {
    anonymous: "login",
    signedIn: "ok",
    call: (c) => act(c, "requestDataExportAction"),
    other: NA("takes no id"),
  },
  requestDeletionAction: {
    anonymous: "login",
    signedIn: "redirect:/login",
    call: (c) => act(c, "requestDeletionAction", { confirmed: true }),
    other: NA("takes no id"),
  },
  cancelDeletionAction: {
    anonymous: "login",
    signedIn: "ok",
    call: (c) => act(c, "cancelDeletionAction"),
    other: NA("takes no id"),
  },
  updateProfileAction: {
    anonymous: "login",
    signedIn: "ok",
    call: (c) =>
      act(c, "updateProfileAction", {
        firstName: "Erika",
        lastName: "Muster",
        dateOfBirth: "",
        phone: "",
        locale: "de",
      }),
    other: NA("takes no id"),
  },
  answerProfilingQuestionAction: {
    anonymous: "login",
    signedIn: "ok",
    call: (c) =>
      act(c, "answerProfilingQuestionAction", {
        attributeKey: "name",
        answer: { firstName: "Erika", lastName: "Muster" },
      }),
    other: NA("takes no id"),
  },
  dismissProfilingQuestionAction: {
    anonymous: "login",
    signedIn: "ok",
    call: (c) => act(c, "dismissProfilingQuestionAction", { attributeKey: "phone", choice: "NOT_NOW" }),
    other: NA("takes no id"),
  },
  subscribePushAction: {
    anonymous: "login",
    signedIn: "ok",
    call: (c) =>
      act(c, "subscribePushAction", {
        endpoint: `https://push.example/${Date.now()}${Math.random()}`,
        keys: { p256dh: "B".repeat(87), auth: "A".repeat(22) },
      }),
    other: NA("takes no id; an endpoint held by another account is refused (push tests)"),
  },
  removePushSubscriptionAction: {
    anonymous: "login",
    signedIn: "ok",
    call: async (c, o) =>
      act(c, "removePushSubscriptionAction", { subscriptionId: await o.pushSubscription() }),
    other: { expect: "code:NOT_FOUND", intact: pushIntact },
  },
  sendTestPushAction: {
    anonymous: "login",
    signedIn: "ok",
    call: async (c, o) => act(c, "sendTestPushAction", { subscriptionId: await o.pushSubscription() }),
    other: { expect: "code:NOT_FOUND", intact: pushIntact },
  },
  updatePushPreferencesAction: {
    anonymous: "login",
    signedIn: "ok",
    call: async (c, o) =>
      act(c, "updatePushPreferencesAction", {
        subscriptionId: await o.pushSubscription(),
        allowsTransactional: false,
        allowsMarketing: false,
      }),
    other: { expect: "code:NOT_FOUND", intact: pushIntact },
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
  startSocialConnectAction: {
    anonymous: "login",
    signedIn: "ok",
    call: (c) => act(c, "startSocialConnectAction", "testidp"),
    other: NA("takes no id"),
  },
  unlinkSocialIdentityAction: {
    anonymous: "login",
    signedIn: `redirect:${SECURITY}?social=removed#linked-accounts`,
    call: async (c, o) => form(c, "unlinkSocialIdentityAction", { identityId: await o.socialIdentity() }),
    other: {
      expect: `redirect:${SECURITY}?social=not-found#linked-accounts`,
      intact: async (v) =>
        expect(await e2eDb().socialIdentity.count({ where: { id: await v.socialIdentity() } })).toBe(1),
    },
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
  startTransactionPasskeyAction: {
    anonymous: "login",
    signedIn: "ok",
    call: async (c, o) => act(c, "startTransactionPasskeyAction", { transactionId: await o.transaction() }),
    other: { expect: "code:NOT_FOUND", intact: transactionIntact },
  },
  confirmTransactionWithPasskeyAction: {
    anonymous: "login",
    signedIn: "code:FORBIDDEN",
    call: async (c, o) =>
      act(c, "confirmTransactionWithPasskeyAction", {
        transactionId: await o.transaction(),
        shownHash: SHOWN_HASH,
        response: BOGUS_ASSERTION,
      }),
    other: { expect: "code:NOT_FOUND", intact: transactionIntact },
  },
  confirmTransactionWithTotpAction: {
    anonymous: "login",
    signedIn: "code:FORBIDDEN",
    call: async (c, o) =>
      act(c, "confirmTransactionWithTotpAction", {
        transactionId: await o.transaction(),
        shownHash: SHOWN_HASH,
        code: "123456",
      }),
    other: { expect: "code:NOT_FOUND", intact: transactionIntact },
  },
};
