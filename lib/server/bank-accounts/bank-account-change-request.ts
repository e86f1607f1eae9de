import "server-only";
/**
 * The two ends of a bank-account change before its confirmation: the change form's action asks
 * `openBankAccountChange` whether the change needs a confirmation and, if so, opens one with the
 * details to show; the confirmation page loads them with `bankAccountChangeForDisplay`.
 *
 * A confirmation is needed when an existing account gets another IBAN and the customer has a
 * passkey or an authenticator app; everything else (holder or BIC only, or a customer with neither
 * factor) stays on the step-up path. What the executor would refuse is refused here already, so
 * the customer is not asked to confirm a change that cannot be carried out.
 */
import type { Locale } from "@/lib/i18n/config";
import type { ChangeBankAccount } from "@/lib/schemas/bank-account";
import type { ClientInfo } from "@/lib/server/request/client-info";
import {
  BANK_ACCOUNT_CHANGE,
  bankAccountChangeDetails,
  BankAccountChangeDetailsSchema,
  openNewIban,
} from "./bank-account-change";
import type { BankAccountFailure } from "./bank-accounts";
import { checkNewBankDetails, isCurrentMandateText, readableIban } from "./change-checks";
import { dataKeys, maskStoredIban } from "./iban-crypto";
import { hashDetails } from "@/lib/server/transactions/binding";
import { createTransaction } from "@/lib/server/transactions/create-transaction";
import { availableConfirmationMethod } from "@/lib/server/transactions/display";
import { db as defaultDb, type Db } from "@/lib/db";

export type OpenedBankAccountChange =
  /** No confirmation: the caller changes the account itself, behind step-up. */
  | { ok: true; next: "direct" }
  | { ok: true; next: "confirm"; transactionId: string }
  | { ok: false; code: BankAccountFailure };

export async function openBankAccountChange(
  opts: {
    userId: string;
    sessionId: string;
    change: ChangeBankAccount;
    locale: Locale;
    client?: ClientInfo;
  },
  { tx: db = defaultDb }: { tx?: Db } = {},
): Promise<OpenedBankAccountChange> {
  const { userId, change } = opts;
  if (change.iban === "") return { ok: true, next: "direct" };
  if ((await availableConfirmationMethod(userId, { tx: db })) === "NONE") return { ok: true, next: "direct" };

  const account = await db.bankAccount.findFirst({ where: { id: change.bankAccountId, userId } });
  if (!account) return { ok: false, code: "NOT_FOUND" };
  if (change.iban === readableIban(account)) return { ok: true, next: "direct" };

  // The executor's own checks, so the customer is not asked to confirm what it would refuse.
  const refused = await checkNewBankDetails(
    {
      userId,
      accountId: account.id,
      accountCountry: account.ibanCountry,
      newIban: change.iban,
      bic: change.bic,
    },
    { tx: db },
  );
  if (refused) return { ok: false, code: refused };
  if (
    change.grantMandate &&
    !(await isCurrentMandateText({ locale: opts.locale, shownTextHash: change.mandateTextHash }, { tx: db }))
  )
    return { ok: false, code: "MANDATE_TEXT_CHANGED" };
  const { all } = dataKeys();

  const created = await createTransaction(
    {
      userId,
      sessionId: opts.sessionId,
      kind: BANK_ACCOUNT_CHANGE,
      details: bankAccountChangeDetails({
        userId,
        account: { id: account.id, ibanMasked: maskStoredIban(account, all) },
        change,
        locale: opts.locale,
      }),
      client: opts.client,
    },
    { tx: db },
  );
  return { ok: true, next: "confirm", transactionId: created.id };
}

/** What the confirmation page shows, and the hash of exactly that. */
export type BankAccountChangeView = {
  id: string;
  shownHash: string;
  expiresAt: Date;
  holderName: string;
  oldIbanMasked: string;
  /** In full (electronic format): the customer checks the account they are about to confirm. */
  newIban: string;
  bic: string;
  grantMandate: boolean;
};

/**
 * The session's pending change `transactionId` of this customer, or null when there is none to
 * confirm (another customer's or session's, confirmed, rejected, expired, or details that no
 * longer open).
 */
export async function bankAccountChangeForDisplay(
  opts: { userId: string; sessionId: string; transactionId: string; now?: Date },
  { tx: db = defaultDb }: { tx?: Db } = {},
): Promise<BankAccountChangeView | null> {
  const row = await db.transactionConfirmation.findFirst({
    where: {
      id: opts.transactionId,
      userId: opts.userId,
      sessionId: opts.sessionId,
      kind: BANK_ACCOUNT_CHANGE,
      status: "PENDING",
      expiresAt: { gt: opts.now ?? new Date() },
    },
    select: { id: true, details: true, expiresAt: true },
  });
  const parsed = row ? BankAccountChangeDetailsSchema.safeParse(row.details) : null;
  if (!row || !parsed?.success) return null;
  const details = parsed.data;
  let newIban: string;
  try {
    newIban = openNewIban(details, opts.userId);
  } catch {
    return null;
  }
  return {
    id: row.id,
    shownHash: hashDetails(details),
    expiresAt: row.expiresAt,
    holderName: details.holderName,
    oldIbanMasked: details.oldIbanMasked,
    newIban,
    bic: details.bic,
    grantMandate: details.grantMandate,
  };
}
