import "server-only";
/**
 * Changes to a customer's bank accounts: add, change, remove (reading and revealing:
 * bank-account-views.ts). Every query filters by the acting customer's id, so an id from another
 * account is simply "not found". Each change and its audit event commit together; mails go out
 * after the commit (bank-account-mail.ts).
 */
import { randomUUID } from "node:crypto";
import { db, type Tx } from "@/lib/db";
import type { EncryptionKey } from "@/lib/env";
import type { Locale } from "@/lib/i18n/config";
import { toLocale } from "@/lib/i18n/config";
import type { AddBankAccount, ChangeBankAccount } from "@/lib/schemas/bank-account";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { requireProvenAddress } from "@/lib/server/identity/mailbox-proof";
import { dataKeys, maskStoredIban, sealIban } from "./iban-crypto";
import { checkNewBankDetails, isIbanOnFile, readableIban } from "./change-checks";
import { maskIban } from "./iban-mask";
import { endMandates, grantMandate, MandateTextChangedError, type MandateClient } from "./sepa-mandates";
import { customerActor, type CustomerActor } from "@/lib/server/actor";

/** Enough for a household; keeps one customer from filling the table. */
export const MAX_BANK_ACCOUNTS = 5;

export type BankAccountFailure =
  "NOT_FOUND" | "DUPLICATE" | "TOO_MANY" | "BIC_COUNTRY" | "MANDATE_TEXT_CHANGED" | "RATE_LIMITED";

export type BankAccountResult<T> = ({ ok: true } & T) | { ok: false; code: BankAccountFailure };

/** What a notice mail and the form need to know about the change. */
export type BankAccountChange = {
  bankAccountId: string;
  ibanMasked: string;
  mandateReference: string | null;
};

function ibanColumns(bankAccountId: string, iban: string, key: EncryptionKey) {
  return {
    ...sealIban(bankAccountId, iban, key),
    ibanLast4: iban.slice(-4),
    ibanCountry: iban.slice(0, 2),
    ibanLength: iban.length,
  };
}

/** Runs `work` in a transaction, turning a stale mandate text into its failure code. */
async function inTransaction<T>(
  work: (tx: Tx) => Promise<BankAccountResult<T>>,
): Promise<BankAccountResult<T>> {
  try {
    return await db.$transaction(work);
  } catch (error) {
    if (error instanceof MandateTextChangedError) return { ok: false, code: "MANDATE_TEXT_CHANGED" };
    throw error;
  }
}

/** Refused (as is changing one) while the address is unproven (docs/decisions/0018). */
export async function addBankAccount(
  actor: CustomerActor,
  input: AddBankAccount,
  /** The language the mandate text was shown in. */
  opts: { locale: Locale },
): Promise<BankAccountResult<BankAccountChange>> {
  const { current } = dataKeys();
  return inTransaction<BankAccountChange>(async (tx) => {
    await requireProvenAddress(actor.userId, { tx });
    const count = await tx.bankAccount.count({ where: { userId: actor.userId } });
    if (count >= MAX_BANK_ACCOUNTS) return { ok: false, code: "TOO_MANY" };
    if (await isIbanOnFile({ userId: actor.userId, iban: input.iban }, { tx }))
      return { ok: false, code: "DUPLICATE" };
    // The id is chosen here because the sealed value is bound to it (iban-crypto.ts).
    const id = randomUUID();
    await tx.bankAccount.create({
      data: {
        id,
        userId: actor.userId,
        holderName: input.holderName,
        bic: input.bic || null,
        isDefault: count === 0,
        ...ibanColumns(id, input.iban, current),
      },
    });
    const mandate = input.grantMandate
      ? await grantMandate(
          {
            userId: actor.userId,
            bankAccountId: id,
            locale: opts.locale,
            shownTextHash: input.mandateTextHash,
            client: actor.client,
          },
          { tx },
        )
      : null;
    const ibanMasked = maskIban(input.iban);
    await writeAuditEvent(tx, {
      type: "bank_account.added",
      actor,
      subject: actor.userId,
      target: { type: "BankAccount", id: id },
      metadata: { accountMasked: ibanMasked, country: input.iban.slice(0, 2), hasBic: Boolean(input.bic) },
    });
    return { ok: true, bankAccountId: id, ibanMasked, mandateReference: mandate?.mandateReference ?? null };
  });
}

/**
 * The "change" executor: new holder, BIC and (optionally) IBAN for one of `userId`'s accounts, in
 * the caller's transaction. A plain function of (tx, userId, details) so the transaction-
 * confirmation registry can run it once the customer has approved the change. A new IBAN ends
 * the account's mandate (it named the old IBAN); `grantMandate` then grants a new one.
 */
export async function changeBankAccount(
  {
    userId,
    details,
    context,
  }: { userId: string; details: ChangeBankAccount; context?: { locale: Locale; client: MandateClient } },
  { tx = db }: { tx?: Tx } = {},
): Promise<BankAccountResult<BankAccountChange>> {
  await requireProvenAddress(userId, { tx });
  const account = await tx.bankAccount.findFirst({ where: { id: details.bankAccountId, userId } });
  if (!account) return { ok: false, code: "NOT_FOUND" };
  const locale =
    context?.locale ??
    toLocale((await tx.user.findUnique({ where: { id: userId }, select: { locale: true } }))?.locale);
  const client = context?.client ?? { ip: null, userAgent: null };
  const { current, all } = dataKeys();

  const currentIban = readableIban(account);
  const newIban = details.iban !== "" && details.iban !== currentIban ? details.iban : null;
  const refused = await checkNewBankDetails(
    {
      userId,
      accountId: account.id,
      accountCountry: account.ibanCountry,
      newIban,
      bic: details.bic,
    },
    { tx },
  );
  if (refused) return { ok: false, code: refused };

  const changedFields = [
    ...(details.holderName !== account.holderName ? ["holderName"] : []),
    ...(newIban ? ["accountNumber"] : []),
    ...((details.bic || null) !== account.bic ? ["bic"] : []),
  ];
  const { count } = await tx.bankAccount.updateMany({
    where: { id: account.id, userId },
    data: {
      holderName: details.holderName,
      bic: details.bic || null,
      ...(newIban ? ibanColumns(account.id, newIban, current) : {}),
    },
  });
  if (count !== 1) return { ok: false, code: "NOT_FOUND" };

  const endedMandates = newIban
    ? await endMandates({ userId, bankAccountId: account.id, locale, client }, { tx })
    : [];
  const stillActive = await tx.sepaMandate.findFirst({
    where: { userId, bankAccountId: account.id, revokedAt: null },
    select: { mandateReference: true },
  });
  const granted =
    details.grantMandate && !stillActive
      ? await grantMandate(
          {
            userId,
            bankAccountId: account.id,
            locale,
            shownTextHash: details.mandateTextHash,
            client,
          },
          { tx },
        )
      : null;
  const ibanMasked = newIban ? maskIban(newIban) : maskStoredIban(account, all);
  await writeAuditEvent(tx, {
    type: "bank_account.changed",
    actor: customerActor(userId, client),
    subject: userId,
    target: { type: "BankAccount", id: account.id },
    metadata: { fields: changedFields, accountMasked: ibanMasked, endedMandates },
  });
  return {
    ok: true,
    bankAccountId: account.id,
    ibanMasked,
    mandateReference: granted?.mandateReference ?? stillActive?.mandateReference ?? null,
  };
}

/** changeBankAccount in its own transaction (the path while changes need only step-up). */
export async function changeBankAccountNow(
  actor: CustomerActor,
  details: ChangeBankAccount,
  opts: { locale: Locale },
): Promise<BankAccountResult<BankAccountChange>> {
  return inTransaction((tx) =>
    changeBankAccount(
      { userId: actor.userId, details, context: { locale: opts.locale, client: actor.client } },
      { tx },
    ),
  );
}

export async function removeBankAccount(
  actor: CustomerActor,
  bankAccountId: string,
  opts: { locale: Locale },
): Promise<BankAccountResult<BankAccountChange>> {
  const { all } = dataKeys();
  return inTransaction<BankAccountChange>(async (tx) => {
    const account = await tx.bankAccount.findFirst({ where: { id: bankAccountId, userId: actor.userId } });
    if (!account) return { ok: false, code: "NOT_FOUND" };
    const ibanMasked = maskStoredIban(account, all);
    // The mandate rows go with the account (cascade); the consent records and audit events stay
    // as the evidence of what was granted and when.
    const endedMandates = await endMandates(
      {
        userId: actor.userId,
        bankAccountId: account.id,
        locale: opts.locale,
        client: actor.client,
      },
      { tx },
    );
    await tx.bankAccount.deleteMany({ where: { id: account.id, userId: actor.userId } });
    if (account.isDefault) {
      const next = await tx.bankAccount.findFirst({
        where: { userId: actor.userId },
        orderBy: { createdAt: "desc" },
        select: { id: true },
      });
      if (next) await tx.bankAccount.update({ where: { id: next.id }, data: { isDefault: true } });
    }
    await writeAuditEvent(tx, {
      type: "bank_account.removed",
      actor,
      subject: actor.userId,
      target: { type: "BankAccount", id: account.id },
      metadata: { accountMasked: ibanMasked, endedMandates },
    });
    return { ok: true, bankAccountId: account.id, ibanMasked, mandateReference: null };
  });
}
