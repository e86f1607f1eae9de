import "server-only";
/**
 * The kind `bank_account.change`: a new IBAN for one of the customer's bank accounts, carried out
 * only after the customer confirmed the details shown (docs/decisions/0010, addendum).
 *
 * The details hold the new IBAN sealed (AES-GCM, bound to this kind, customer and account) next to
 * its mask, never in clear: the hash, and so the passkey's challenge, covers the sealed value, and
 * GCM makes any other value for it fail to open. The executor re-checks everything against the
 * database inside the confirming transaction and throws on any failure, so nothing commits.
 */
import { z } from "zod";
import { locales } from "@/lib/i18n/config";
import { HOLDER_NAME_MAX_LENGTH, type ChangeBankAccount } from "@/lib/schemas/bank-account";
import { notifyBankAccountChanged } from "@/lib/server/bank-accounts/bank-account-mail";
import { changeBankAccount, type BankAccountFailure } from "@/lib/server/bank-accounts/bank-accounts";
import { dataKeys, maskStoredIban } from "@/lib/server/bank-accounts/iban-crypto";
import { maskIban } from "@/lib/server/bank-accounts/iban-mask";
import { decryptValue, encryptValue } from "@/lib/server/crypto/encryption";
import { onceExecuted } from "@/lib/server/transactions/after-execution";
import { hashDetails } from "@/lib/server/transactions/binding";
import type { TransactionExecutor } from "@/lib/server/transactions/executor";

export const BANK_ACCOUNT_CHANGE = "bank_account.change";

export const BankAccountChangeDetailsSchema = z.object({
  bankAccountId: z.string().min(1).max(64),
  /** The holder as it will be stored (shown). */
  holderName: z.string().min(1).max(HOLDER_NAME_MAX_LENGTH),
  /** The account's IBAN now, masked (shown): the change is "from this account". */
  oldIbanMasked: z.string().min(1).max(64),
  /** The new IBAN's mask, for the notice mail and the audit trail. */
  newIbanMasked: z.string().min(1).max(64),
  /** encryptValue("bank_account.change:<userId>:<bankAccountId>:<IBAN>"); shown opened, in full. */
  newIbanSealed: z.string().min(1).max(1024),
  /** "" when none (shown). */
  bic: z.string().max(11),
  /** Whether a new SEPA mandate is granted for the new IBAN (shown); the old one ends either way. */
  grantMandate: z.boolean(),
  mandateTextHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
  /** Language of the mandate text the customer read, for the consent record. */
  locale: z.enum(locales),
});
export type BankAccountChangeDetails = z.output<typeof BankAccountChangeDetailsSchema>;

/** Why a confirmed change could not be carried out; the whole confirmation rolls back. */
export class BankAccountChangeNotExecutedError extends Error {
  constructor(readonly code: BankAccountFailure | "SEALED_VALUE" | "ACCOUNT_CHANGED") {
    super(`bank_account.change not executed: ${code}`);
    this.name = "BankAccountChangeNotExecutedError";
  }
}

function sealedPrefix(userId: string, bankAccountId: string): string {
  return `${BANK_ACCOUNT_CHANGE}:${userId}:${bankAccountId}:`;
}

export function sealNewIban(opts: { userId: string; bankAccountId: string; iban: string }): string {
  return encryptValue(`${sealedPrefix(opts.userId, opts.bankAccountId)}${opts.iban}`);
}

/**
 * The new IBAN of `details`, for `userId`; throws if the sealed value does not open (unknown key,
 * altered) or belongs to another customer, account or kind, or does not fit its mask.
 */
export function openNewIban(details: BankAccountChangeDetails, userId: string): string {
  let plaintext: string;
  try {
    plaintext = decryptValue(details.newIbanSealed);
  } catch {
    throw new BankAccountChangeNotExecutedError("SEALED_VALUE");
  }
  const prefix = sealedPrefix(userId, details.bankAccountId);
  const iban = plaintext.startsWith(prefix) ? plaintext.slice(prefix.length) : "";
  if (!iban || maskIban(iban) !== details.newIbanMasked)
    throw new BankAccountChangeNotExecutedError("SEALED_VALUE");
  return iban;
}

/** The details shown for a change of `account` to `change.iban` (not empty). */
export function bankAccountChangeDetails(opts: {
  userId: string;
  account: { id: string; ibanMasked: string };
  change: ChangeBankAccount;
  locale: BankAccountChangeDetails["locale"];
}): BankAccountChangeDetails {
  const { change } = opts;
  return {
    bankAccountId: opts.account.id,
    holderName: change.holderName,
    oldIbanMasked: opts.account.ibanMasked,
    newIbanMasked: maskIban(change.iban),
    newIbanSealed: sealNewIban({ userId: opts.userId, bankAccountId: opts.account.id, iban: change.iban }),
    bic: change.bic,
    grantMandate: change.grantMandate,
    mandateTextHash: change.grantMandate ? (change.mandateTextHash ?? null) : null,
    locale: opts.locale,
  };
}

/**
 * Runs inside the confirming database transaction on the verified details: the account must still
 * have the IBAN the customer saw as the old one; then changeBankAccount does the change (ends the
 * old mandate, grants a new one if asked, audits bank_account.changed). The notice mail goes out
 * only once the confirmation is committed as executed (after-execution.ts).
 */
export const executeBankAccountChange: TransactionExecutor = async (tx, userId, raw) => {
  const details = BankAccountChangeDetailsSchema.parse(raw);
  const iban = openNewIban(details, userId);
  const account = await tx.bankAccount.findFirst({ where: { id: details.bankAccountId, userId } });
  if (!account) throw new BankAccountChangeNotExecutedError("NOT_FOUND");
  if (maskStoredIban(account, dataKeys().all) !== details.oldIbanMasked)
    throw new BankAccountChangeNotExecutedError("ACCOUNT_CHANGED");

  const result = await changeBankAccount(
    {
      userId,
      details: {
        bankAccountId: details.bankAccountId,
        holderName: details.holderName,
        iban,
        bic: details.bic,
        grantMandate: details.grantMandate,
        mandateTextHash: details.mandateTextHash ?? undefined,
      },
      // The confirming request's address is on the transaction.confirmed event of the same commit.
      context: { locale: details.locale, client: { ip: null, userAgent: null } },
    },
    { tx },
  );
  if (!result.ok) throw new BankAccountChangeNotExecutedError(result.code);

  // The row the confirming code just marked CONFIRMED in this transaction (not yet executed).
  const confirmation = await tx.transactionConfirmation.findFirst({
    where: {
      userId,
      kind: BANK_ACCOUNT_CHANGE,
      status: "CONFIRMED",
      executedAt: null,
      detailsHash: hashDetails(raw),
    },
    orderBy: { confirmedAt: "desc" },
    select: { id: true },
  });
  const ibanMasked = result.ibanMasked;
  if (confirmation)
    onceExecuted(confirmation.id, () => notifyBankAccountChanged(userId, "changed", ibanMasked));
};
