"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { idempotentAction } from "@/lib/auth/action-pipeline";
import { refuseUnprovenAddress } from "@/lib/auth/proven-address";
import { requireUser } from "@/lib/auth/session";
import { requireRecentAuth } from "@/lib/auth/step-up";
import { openBankAccountChange } from "@/lib/server/bank-accounts/bank-account-change-request";
import {
  actionFailure,
  actionOk,
  validationFailed,
  type ActionFailure,
  type ActionResult,
} from "@/lib/errors";
import { toLocale } from "@/lib/i18n/config";
import {
  AddBankAccountSchema,
  BankAccountIdSchema,
  ChangeBankAccountSchema,
  formatIban,
  type AddBankAccountInput,
  type BankAccountIdInput,
  type ChangeBankAccountInput,
} from "@/lib/schemas/bank-account";
import { notifyBankAccountChanged } from "@/lib/server/bank-accounts/bank-account-mail";
import {
  addBankAccount,
  changeBankAccountNow,
  removeBankAccount,
  type BankAccountFailure,
} from "@/lib/server/bank-accounts/bank-accounts";
import { revealIban } from "@/lib/server/bank-accounts/bank-account-views";
import { recordRefusedRequest } from "@/lib/server/support/refusals";
import { currentActor } from "@/lib/auth/actor";

// Every action here is sensitive (docs/decisions/0009): each starts with requireRecentAuth, and a
// stale session answers STEP_UP_REQUIRED so the form asks the customer to confirm and re-sends.
// The one exception is a new IBAN confirmed as a transaction (changeBankAccountAction). Adding or
// changing bank details also needs a proven address (docs/decisions/0018).

const PAYMENT = "/account/payment";

/** The language the page was shown in: the mandate text the customer read is in it. */
async function pageLocale() {
  return toLocale(await getLocale());
}

function failure(code: BankAccountFailure): ActionFailure {
  switch (code) {
    case "NOT_FOUND":
      return actionFailure("NOT_FOUND");
    case "DUPLICATE":
      return actionFailure("VALIDATION_FAILED", {
        fieldErrors: { iban: ["validation.bankAccount.ibanDuplicate"] },
        message: "account.payment.errors.duplicate",
      });
    case "BIC_COUNTRY":
      return actionFailure("VALIDATION_FAILED", {
        fieldErrors: { bic: ["validation.bankAccount.bicCountry"] },
      });
    case "TOO_MANY":
      return actionFailure("VALIDATION_FAILED", { message: "account.payment.errors.tooMany" });
    case "MANDATE_TEXT_CHANGED":
      return actionFailure("VALIDATION_FAILED", {
        message: "account.payment.errors.mandateTextChanged",
      });
    case "RATE_LIMITED":
      return actionFailure("RATE_LIMITED");
  }
}

export type BankAccountSaved = { ibanMasked: string; mandateReference: string | null };

/**
 * Idempotent by the form's key (decision 0072): a save whose answer was cut off and is sent again
 * answers with the first "added" instead of "this IBAN is already on file" and a second mail.
 */
export const addBankAccountAction = idempotentAction(
  "addBankAccountAction",
  async (input: AddBankAccountInput): Promise<ActionResult<BankAccountSaved>> => {
    const refused = refuseUnprovenAddress(await requireUser({ returnTo: PAYMENT }));
    if (refused) return refused;
    const auth = await requireRecentAuth({ returnTo: PAYMENT });
    if (!auth.ok) return auth.failure;
    const parsed = AddBankAccountSchema.safeParse(input);
    if (!parsed.success) return validationFailed(parsed.error);
    const result = await addBankAccount(await currentActor(auth.user), parsed.data, {
      locale: await pageLocale(),
    });
    if (!result.ok) return failure(result.code);
    notifyBankAccountChanged(auth.user.id, "added", result.ibanMasked);
    revalidatePath(PAYMENT);
    return actionOk({ ibanMasked: result.ibanMasked, mandateReference: result.mandateReference });
  },
);

/** Saved at once, or a transaction confirmation to open at `/account/payment/confirm/<id>`. */
export type BankAccountChangeOutcome =
  { next: "saved"; saved: BankAccountSaved } | { next: "confirm"; transactionId: string };

/**
 * A new IBAN for a customer with a passkey or an authenticator app is not saved here: it opens a
 * transaction confirmation (docs/decisions/0010, addendum) and needs no step-up, because the
 * confirmation is the fresh strong authentication. Every other change is saved behind step-up.
 * Idempotent by the form's key (decision 0072): a change sent again after a lost answer leads to
 * the one confirmation it opened, not a second one beside it.
 */
export const changeBankAccountAction = idempotentAction(
  "changeBankAccountAction",
  async (input: ChangeBankAccountInput): Promise<ActionResult<BankAccountChangeOutcome>> => {
    const user = await requireUser({ returnTo: PAYMENT });
    const refused = refuseUnprovenAddress(user);
    if (refused) return refused;
    const parsed = ChangeBankAccountSchema.safeParse(input);
    if (!parsed.success) return validationFailed(parsed.error);
    const actor = await currentActor(user);
    const locale = await pageLocale();
    const opened = await openBankAccountChange({
      userId: user.id,
      sessionId: user.sessionId,
      change: parsed.data,
      locale,
      client: actor.client,
    });
    if (!opened.ok) return failure(opened.code);
    if (opened.next === "confirm") return actionOk({ next: "confirm", transactionId: opened.transactionId });

    const auth = await requireRecentAuth({ returnTo: PAYMENT });
    if (!auth.ok) return auth.failure;
    const result = await changeBankAccountNow(actor, parsed.data, { locale });
    if (!result.ok) return failure(result.code);
    notifyBankAccountChanged(auth.user.id, "changed", result.ibanMasked);
    revalidatePath(PAYMENT);
    return actionOk({
      next: "saved",
      saved: { ibanMasked: result.ibanMasked, mandateReference: result.mandateReference },
    });
  },
);

export async function removeBankAccountAction(
  input: BankAccountIdInput,
): Promise<ActionResult<{ ibanMasked: string }>> {
  const auth = await requireRecentAuth({ returnTo: PAYMENT });
  if (!auth.ok) return auth.failure;
  const parsed = BankAccountIdSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  const result = await removeBankAccount(await currentActor(auth.user), parsed.data.bankAccountId, {
    locale: await pageLocale(),
  });
  if (!result.ok) return failure(result.code);
  notifyBankAccountChanged(auth.user.id, "removed", result.ibanMasked);
  revalidatePath(PAYMENT);
  return actionOk({ ibanMasked: result.ibanMasked });
}

/** The full IBAN, grouped for reading; audited as bank_account.revealed. */
export async function revealIbanAction(input: BankAccountIdInput): Promise<ActionResult<{ iban: string }>> {
  const auth = await requireRecentAuth({ returnTo: PAYMENT });
  if (!auth.ok) return auth.failure;
  const parsed = BankAccountIdSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  // Staff accounts hold no bank details, and staff never see a customer's full IBAN (decision
  // 0042): a staff session sending any id is refused, and the attempt is audited.
  const staffRole = auth.user.roles.find((role) => role !== "CUSTOMER");
  if (staffRole) {
    await recordRefusedRequest(await currentActor(auth.user, { as: staffRole }), {
      action: "revealIbanAction",
      target: { type: "BankAccount", id: parsed.data.bankAccountId },
    });
    return actionFailure("FORBIDDEN", { message: "staff.support.failures.SUPPORT_FORBIDDEN" });
  }
  const result = await revealIban(await currentActor(auth.user), parsed.data.bankAccountId);
  if (!result.ok) return failure(result.code);
  return actionOk({ iban: formatIban(result.iban) });
}
