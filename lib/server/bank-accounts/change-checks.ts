import "server-only";
/**
 * What a change of bank details must pass, whether it is saved at once (changeBankAccount) or
 * first shown for a transaction confirmation (bank-account-change-request.ts): one rule each, so
 * the confirmation never asks about a change the executor would then refuse.
 */
import { db, type Tx } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { bicMatchesIbanCountry } from "@/lib/schemas/bank-account";
import { DecryptionError } from "@/lib/server/crypto/encryption";
import { dataKeys, ibanFingerprint, openIban } from "./iban-crypto";
import { getMandateText } from "./sepa-mandates";

/** The account's IBAN in clear, or null when no configured key opens it (a new IBAN replaces it). */
export function readableIban(account: { id: string; ibanCiphertext: string }): string | null {
  try {
    return openIban(account.id, account.ibanCiphertext, dataKeys().all);
  } catch (error) {
    if (!(error instanceof DecryptionError)) throw error;
    return null;
  }
}

/** Whether `iban` is already one of the customer's accounts (under any configured key). */
export async function isIbanOnFile(
  { userId, iban, exceptId }: { userId: string; iban: string; exceptId?: string },
  { tx = db }: { tx?: Tx } = {},
): Promise<boolean> {
  const fingerprints = dataKeys().all.map((key) => ibanFingerprint(iban, key));
  const found = await tx.bankAccount.findFirst({
    where: { userId, ibanFingerprint: { in: fingerprints }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  return found !== null;
}

/**
 * The BIC must belong to the IBAN's country (the new IBAN's, else the account's), and a new IBAN
 * must not be another of the customer's accounts. Null when the change may go ahead.
 */
export async function checkNewBankDetails(
  opts: { userId: string; accountId: string; accountCountry: string; newIban: string | null; bic: string },
  { tx = db }: { tx?: Tx } = {},
): Promise<"BIC_COUNTRY" | "DUPLICATE" | null> {
  const country = opts.newIban ? opts.newIban.slice(0, 2) : opts.accountCountry;
  if (opts.bic && !bicMatchesIbanCountry(opts.bic, country)) return "BIC_COUNTRY";
  if (
    opts.newIban &&
    (await isIbanOnFile({ userId: opts.userId, iban: opts.newIban, exceptId: opts.accountId }, { tx }))
  )
    return "DUPLICATE";
  return null;
}

/** Whether the mandate text the form showed (its hash) is still the current one in `locale`. */
export async function isCurrentMandateText(
  { locale, shownTextHash }: { locale: Locale; shownTextHash: string | undefined },
  { tx = db }: { tx?: Tx } = {},
) {
  const text = await getMandateText(locale, { tx });
  return text !== null && text.textHash === shownTextHash;
}
