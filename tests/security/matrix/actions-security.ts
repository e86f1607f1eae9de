/**
 * The matrix's actions of /account/security: sessions, the address and password, and every way
 * in (authenticator app, passkeys, social identities).
 */
import { expect } from "@playwright/test";
import { e2eDb, uniqueEmail } from "../../e2e/support/users";
import { sessionWorks } from "../support/actors";
import type { OwnedObjects } from "../support/owned-objects";
import { act, form, NA, SECURITY, still, type ActionRow } from "./cells";

const passkeyIntact = async (v: OwnedObjects) =>
  still(e2eDb().passkey.findUnique({ where: { id: await v.passkey() } }), { name: "Laptop" });

export const SECURITY_ACTIONS: Record<string, ActionRow> = {
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
  // Takes no proof of its own: the step-up with the strongest factor is the proof (decision 0024).
  disableTotpAction: {
    anonymous: "login",
    signedIn: "code:NOT_FOUND", // past authorisation and step-up; these accounts have no app
    call: (c) => act(c, "disableTotpAction"),
    other: NA("takes no id"),
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
};
