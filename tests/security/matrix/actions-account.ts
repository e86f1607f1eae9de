/**
 * The matrix's actions on everyday account data: addresses, profile, communication, push,
 * consent, privacy, bank details and their confirmations, and the one staff action.
 */
import { randomUUID } from "node:crypto";
import { e2eDb } from "../../e2e/support/users";
import { ADDRESS_INPUT, IBAN, OTHER_IBAN, type OwnedObjects } from "../support/owned-objects";
import { act, BOGUS_ASSERTION, form, NA, still, type ActionRow } from "./cells";

const addressIntact = async (v: OwnedObjects) =>
  still(e2eDb().address.findUnique({ where: { id: await v.address() } }), {
    recipientName: "Erika Mustermann",
    isDefaultShipping: false,
  });
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

const noReturn = async (v: OwnedObjects) => {
  const count = await e2eDb().returnRequest.count({ where: { orderId: await v.order() } });
  if (count !== 0) throw new Error(`victim's order has ${count} returns`);
};

const SHOWN_HASH = "0".repeat(64);

export const ACCOUNT_ACTIONS: Record<string, ActionRow> = {
  createAddressAction: {
    anonymous: "login",
    signedIn: "redirect:/account/addresses?notice=created",
    // The first argument is the form's idempotency key (decision 0072): a fresh one, as a form sends.
    call: (c) => act(c, "createAddressAction", randomUUID(), ADDRESS_INPUT),
    other: NA("takes no id"),
  },
  updateAddressAction: {
    anonymous: "login",
    signedIn: "redirect:/account/addresses?notice=updated",
    call: async (c, o) =>
      act(c, "updateAddressAction", randomUUID(), await o.address(), {
        ...ADDRESS_INPUT,
        recipientName: "Angreifer",
      }),
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
  // Service notices about orders (docs/decisions/0067): the caller's own preference row only.
  updateServiceNoticesAction: {
    anonymous: "login",
    signedIn: "ok",
    call: (c) => act(c, "updateServiceNoticesAction", { email: true, push: true }),
    other: NA("takes no id: the caller's own preferences"),
  },
  resendNewsletterConfirmationAction: {
    anonymous: "login",
    signedIn: "code:VALIDATION_FAILED",
    call: (c) => act(c, "resendNewsletterConfirmationAction"),
    other: NA("takes no id"),
  },
  // The phone-number proof (docs/decisions/0052): the caller's own profile and codes only.
  sendPhoneCodeAction: {
    anonymous: "login",
    signedIn: "code:VALIDATION_FAILED",
    call: (c) => act(c, "sendPhoneCodeAction"),
    other: NA("takes no id: the caller's own profile"),
  },
  verifyPhoneCodeAction: {
    anonymous: "login",
    signedIn: "code:VALIDATION_FAILED",
    call: (c) => act(c, "verifyPhoneCodeAction", { code: "123456" }),
    other: NA("takes no id: checked against the caller's own codes (phone-verification.spec.ts)"),
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
  addBankAccountAction: {
    anonymous: "login",
    signedIn: "ok",
    call: (c) =>
      act(c, "addBankAccountAction", randomUUID(), {
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
      act(c, "changeBankAccountAction", randomUUID(), {
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
    // A staff session never sees a full IBAN, whatever id it sends (decision 0042).
    roles: { SUPPORT: "code:FORBIDDEN", MARKETING: "code:FORBIDDEN", ADMIN: "code:FORBIDDEN" },
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
    signedIn: "ok", // the form then signs out through POST /logout (decision 0028)
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
  // Returns (decision 0062): the owned order is not delivered yet, so the owner's own call is
  // refused as not eligible; another customer's order is NOT_FOUND and gets no return.
  requestReturnAction: {
    anonymous: "login",
    signedIn: "code:VALIDATION_FAILED",
    call: async (c, o) => {
      const orderId = await o.order();
      // The anonymous caller owns nothing: its ids exist nowhere.
      const item = await e2eDb().orderItem.findFirst({ where: { orderId } });
      return act(c, "requestReturnAction", randomUUID(), {
        orderId,
        items: [{ orderItemId: item?.id ?? "nobody-item", quantity: 1 }],
        reason: "DAMAGED",
      });
    },
    other: { expect: "code:NOT_FOUND", intact: noReturn },
  },
};
