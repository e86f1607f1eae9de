/**
 * Step-up bypass (PRODUCT.md §4 "Step-up", ASVS 6.4.4, 7.5.1): every server action is classified
 * here; each sensitive one, called from a session whose last authentication is older than the
 * step-up window, answers STEP_UP_REQUIRED (or sends the browser to /login/step-up) and changes
 * nothing. The same call succeeds once the session is recent again, so the refusal is the window's
 * doing. Factor changes also need the account's strongest factor (docs/decisions/0024): a recent
 * session that used a weaker one is refused the same way, and passes once it used the passkey.
 * A new action without a classification fails the first test.
 */
import { randomUUID } from "node:crypto";
import { FACTOR_CHANGING_ACTIONS } from "../support/factor-changing-actions";
import { e2eDb } from "../e2e/support/users";
import { createActor, createSession, STRONGEST, type Role } from "./support/actors";
import { manifestActions } from "./support/action-manifest";
import { Coverage } from "./support/coverage";
import { IBAN, NEW_IBAN, OwnedObjects } from "./support/owned-objects";
import { clientIp, outcomeOf, PortalClient } from "./support/portal-client";
import { ACTIONS, expectation, pattern } from "./authorization-matrix";
import { expect, test } from "./fixtures";

const coverage = new Coverage("step-up");
test.afterAll(() => coverage.report());

type Classification = { stepUp: true; role?: Role; refused?: string } | { stepUp: false; why: string };

const STEP_UP = { stepUp: true } as const;
const not = (why: string): Classification => ({ stepUp: false, why });
const OWN_SESSION = not("step-up itself: proves the person for the caller's own session");
const TRANSACTION = not(
  "confirmed with a passkey or authenticator code bound to the shown details (decision 0010)",
);
const PUBLIC = not("no session involved");
const MAILED_LINK = not("no session involved: the mailed single-use link is the authority");
const SUPPORT_CONSOLE = not(
  "staff console: the AAL2 session is the bar (decision 0040); a reason, an opened customer, audited (0042)",
);
const EVERYDAY = not("everyday data, no credential, factor or payment data (PRODUCT.md §4 step-up list)");

const CLASSIFICATION: Record<string, Classification> = {
  changeEmailAction: STEP_UP,
  changePasswordAction: STEP_UP,
  startTotpEnrolmentAction: {
    stepUp: true,
    refused: "redirect:/login/step-up?callbackUrl=%2Faccount%2Fsecurity&strength=strongest",
  },
  confirmTotpAction: STEP_UP,
  regenerateRecoveryCodesAction: STEP_UP,
  disableTotpAction: STEP_UP,
  startPasskeyRegistrationAction: STEP_UP,
  finishPasskeyRegistrationAction: STEP_UP,
  removePasskeyAction: STEP_UP,
  renamePasskeyAction: not("a label only"),
  // A plain form: a stale session is sent to the step-up page and comes back to the card.
  unlinkSocialIdentityAction: {
    stepUp: true,
    refused: "redirect:/login/step-up?callbackUrl=%2Faccount%2Fsecurity%23linked-accounts&strength=strongest",
  },
  // A stolen session must not link the thief's own provider account: a new way in (decision 0024).
  startSocialConnectAction: STEP_UP,
  addBankAccountAction: STEP_UP,
  changeBankAccountAction: STEP_UP,
  removeBankAccountAction: STEP_UP,
  revealIbanAction: STEP_UP,
  requestDataExportAction: STEP_UP,
  requestDeletionAction: STEP_UP,
  publishConsentVersionAction: { stepUp: true, role: "ADMIN" },
  // The invitee will see customers' data (docs/decisions/0041).
  inviteStaffAction: { stepUp: true, role: "ADMIN" },
  acceptStaffInvitationAction: MAILED_LINK,
  openCustomerAction: SUPPORT_CONSOLE,
  lockCustomerAction: SUPPORT_CONSOLE,
  unlockCustomerAction: SUPPORT_CONSOLE,
  sendCustomerPasswordResetAction: SUPPORT_CONSOLE,
  signOutCustomerEverywhereAction: SUPPORT_CONSOLE,
  resendCustomerVerificationAction: SUPPORT_CONSOLE,
  // An API key reads customers' data (docs/decisions/0045); revoking it only stops that.
  createApiKeyAction: { stepUp: true, role: "ADMIN" },
  revokeApiKeyAction: not("stops a key: the safe direction"),
  // A webhook endpoint receives customers' consent events (docs/decisions/0047).
  createWebhookAction: { stepUp: true, role: "ADMIN" },
  disableWebhookAction: not("stops deliveries: the safe direction"),
  resendWebhookDeliveryAction: not("sends an event again to an endpoint an admin registered"),
  cancelDeletionAction: not("undoes a deletion request; can only keep data"),
  signOutSessionAction: not("ends sessions: the safe direction"),
  signOutOtherSessionsAction: not("ends sessions: the safe direction"),
  resendVerificationAction: not("mails the account's own address"),
  stepUpOptionsAction: OWN_SESSION,
  stepUpWithPasswordAction: OWN_SESSION,
  startStepUpPasskeyAction: OWN_SESSION,
  finishStepUpPasskeyAction: OWN_SESSION,
  sendStepUpCodeAction: OWN_SESSION,
  stepUpWithEmailCodeAction: OWN_SESSION,
  startTransactionPasskeyAction: TRANSACTION,
  confirmTransactionWithPasskeyAction: TRANSACTION,
  confirmTransactionWithTotpAction: TRANSACTION,
  signInWithPassword: PUBLIC,
  registerAccount: PUBLIC,
  requestPasswordReset: PUBLIC,
  resetPassword: not("the mailed single-use link proves the mailbox (mailed-links.spec.ts)"),
  startPasskeySignInAction: PUBLIC,
  finishPasskeySignInAction: PUBLIC,
  startPasskeySignUpAction: PUBLIC,
  finishPasskeySignUpAction: PUBLIC,
  verifySecondFactorAction: not("the pending sign-in is the authority"),
  resendEmailCodeAction: not("the pending sign-in is the authority"),
  linkSocialAccountAction: not("proves the account with its password itself"),
  confirmNewsletterAction: not("the mailed link is the authority"),
  confirmEmailLinkAction: MAILED_LINK,
  discardRegistrationAction: MAILED_LINK,
  confirmBlockedSignInAction: MAILED_LINK,
  reportBlockedSignInAction: MAILED_LINK,
  unlockSignInAction: MAILED_LINK,
  requestSignInUnlockAction: PUBLIC,
  resendRegistrationMailAction: PUBLIC,
  unsubscribeNewsletterAction: not("the mailed link is the authority"),
  setLocale: not("a browser preference"),
  createAddressAction: EVERYDAY,
  updateAddressAction: EVERYDAY,
  deleteAddressAction: EVERYDAY,
  setDefaultAddressAction: EVERYDAY,
  updateProfileAction: EVERYDAY,
  answerProfilingQuestionAction: EVERYDAY,
  dismissProfilingQuestionAction: EVERYDAY,
  updateCommunicationPreferencesAction: EVERYDAY,
  resendNewsletterConfirmationAction: EVERYDAY,
  updateServiceNoticesAction: EVERYDAY,
  declineShopApprovalAction: not(
    "declining a shop's request is the safe direction: nothing is paid or sent (0063)",
  ),
  sendPhoneCodeAction: not("proves the profile's phone number for SMS; not a sign-in factor (0052)"),
  verifyPhoneCodeAction: not("proves the profile's phone number for SMS; not a sign-in factor (0052)"),
  changeConsentAction: not("withdrawing must be as easy as granting (GDPR Art. 7(3))"),
  answerReConsentAction: not("withdrawing must be as easy as granting (GDPR Art. 7(3))"),
  subscribePushAction: EVERYDAY,
  removePushSubscriptionAction: EVERYDAY,
  sendTestPushAction: EVERYDAY,
  updatePushPreferencesAction: EVERYDAY,
  requestReturnAction: not("a return asks the shop for a label; no money or data leaves (0062)"),
};

test("every server action is classified: step-up or why not", () => {
  expect(Object.keys(CLASSIFICATION).sort()).toEqual(
    manifestActions()
      .map((a) => a.name)
      .sort(),
  );
});

/** Makes the session's last authentication recent again, as a step-up would (tested in e2e). */
async function refresh(sessionId: string): Promise<void> {
  await e2eDb().session.update({ where: { id: sessionId }, data: { authenticatedAt: new Date() } });
}

/** The session's last authentication becomes a user-verified passkey, as a passkey step-up makes it. */
async function stepUpWithPasskey(sessionId: string): Promise<void> {
  await e2eDb().session.update({
    where: { id: sessionId },
    data: { authenticatedAt: new Date(), authMethods: ["PASSKEY"], aal: 2 },
  });
}

/** An actor with everything the sensitive actions act on, made from a fresh, strong session. */
async function prepared(role: Role) {
  const actor = await createActor(role);
  const fresh = await createSession(actor.id, STRONGEST);
  const owned = new OwnedObjects(
    actor.id,
    new PortalClient(clientIp("setup"), { sessionToken: fresh.token }),
    actor.email,
  );
  // Everything the call may use exists before counting what the call itself writes. One after
  // another: this process and the server writing the SQLite file at once only wait for each other.
  for (const make of [owned.bankAccount, owned.passkey, owned.address, owned.session, owned.socialIdentity])
    await make.call(owned);
  return { actor, owned };
}

/** The audit events about the actor, by type, to see what a refused call wrote. */
async function auditTypes(userId: string): Promise<string[]> {
  const events = await e2eDb().auditEvent.findMany({
    where: { subjectUserId: userId },
    select: { type: true },
  });
  return events.map((e) => e.type).sort();
}

for (const [name, rule] of Object.entries(CLASSIFICATION)) {
  if (!rule.stepUp) continue;
  test(`[ATTACKER] with a stale session: ${name} asks for a step-up and does nothing`, async () => {
    const role = rule.role ?? "CUSTOMER";
    const { actor, owned } = await prepared(role);
    // As strong as can be, only too old: the refusal is the window's doing.
    const stale = await createSession(actor.id, { ...STRONGEST, stale: true });
    const attacker = new PortalClient(clientIp("stale"), { sessionToken: stale.token });
    const row = ACTIONS[name]!;
    const before = await auditTypes(actor.id);

    expect(outcomeOf(await row.call(attacker, owned))).toBe(rule.refused ?? "code:STEP_UP_REQUIRED");
    expect(await auditTypes(actor.id), "nothing was done, so nothing was audited").toEqual(before);

    await refresh(stale.sessionId);
    const recent = outcomeOf(await row.call(attacker, owned));
    expect(recent, "the same call from a recent session").toMatch(pattern(expectation(row, role)));
    coverage.add("sensitive actions");
  });
}

const FACTOR_CHANGES = FACTOR_CHANGING_ACTIONS.map((a) => a.split(".")[1]!);

test("every factor change is a step-up action here", () => {
  for (const name of FACTOR_CHANGES) expect(CLASSIFICATION[name], name).toMatchObject({ stepUp: true });
});

for (const name of FACTOR_CHANGES) {
  test(`[ATTACKER] with a recent password session on an account with a passkey: ${name} asks for the passkey and does nothing`, async () => {
    const rule = CLASSIFICATION[name] as { refused?: string };
    const { actor, owned } = await prepared("CUSTOMER");
    // Signed in a minute ago with the password alone: a thief who knows it, with the session.
    const weak = await createSession(actor.id, { authMethods: ["PASSWORD"] });
    const attacker = new PortalClient(clientIp("weak"), { sessionToken: weak.token });
    const row = ACTIONS[name]!;
    const before = await auditTypes(actor.id);

    expect(outcomeOf(await row.call(attacker, owned))).toBe(rule.refused ?? "code:STEP_UP_REQUIRED");
    // Nothing done; only the trace of a downgrade attempt (decision 0024).
    expect(await auditTypes(actor.id)).toEqual([...before, "auth.strong_auth_required"].sort());

    await stepUpWithPasskey(weak.sessionId);
    const strong = outcomeOf(await row.call(attacker, owned));
    expect(strong, "the same call after a passkey step-up").toMatch(pattern(expectation(row, "CUSTOMER")));
    coverage.add("factor changes refused to a weaker factor");
  });
}

test("[ATTACKER] with a stale session a new IBAN is only proposed for confirmation, never saved", async () => {
  const actor = await createActor("CUSTOMER");
  const fresh = await createSession(actor.id);
  const owned = new OwnedObjects(
    actor.id,
    new PortalClient(clientIp("setup"), { sessionToken: fresh.token }),
    actor.email,
  );
  await owned.passkey();
  const bankAccountId = await owned.bankAccount();
  const stale = await createSession(actor.id, { stale: true });
  const attacker = new PortalClient(clientIp("stale"), { sessionToken: stale.token });
  const reply = await attacker.action("changeBankAccountAction", [
    randomUUID(),
    { bankAccountId, holderName: "Erika Mustermann", iban: NEW_IBAN, bic: "", grantMandate: false },
  ]);
  expect(reply.result).toMatchObject({ ok: true, data: { next: "confirm" } });
  const account = await e2eDb().bankAccount.findUniqueOrThrow({ where: { id: bankAccountId } });
  expect(account.ibanLast4).toBe(IBAN.slice(-4));
  coverage.add("sensitive actions");
});
