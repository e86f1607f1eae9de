import "server-only";
/**
 * Reading a customer's bank accounts: the list with masked IBANs and active mandates, and the
 * audited reveal of one full IBAN. Both filter by the acting customer's id.
 */
import { db } from "@/lib/db";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { consumeRateLimit } from "@/lib/server/rate-limit/rate-limit";
import type { CustomerActor } from "@/lib/server/actor";
import type { BankAccountResult } from "./bank-accounts";
import { dataKeys, maskStoredIban, openIban } from "./iban-crypto";
import { maskIban } from "./iban-mask";

export type BankAccountView = {
  id: string;
  holderName: string;
  ibanMasked: string;
  bic: string | null;
  isDefault: boolean;
  createdAt: Date;
  mandate: { reference: string; signedAt: Date; creditorIdentifier: string } | null;
};

export async function listBankAccounts(userId: string): Promise<BankAccountView[]> {
  const { all } = dataKeys();
  const accounts = await db.bankAccount.findMany({
    where: { userId },
    orderBy: [{ isDefault: "desc" }, { createdAt: "asc" }],
    include: { sepaMandates: { where: { revokedAt: null }, orderBy: { signedAt: "desc" }, take: 1 } },
  });
  return accounts.map((account) => {
    const mandate = account.sepaMandates[0];
    return {
      id: account.id,
      holderName: account.holderName,
      ibanMasked: maskStoredIban(account, all),
      bic: account.bic,
      isDefault: account.isDefault,
      createdAt: account.createdAt,
      mandate: mandate
        ? {
            reference: mandate.mandateReference,
            signedAt: mandate.signedAt,
            creditorIdentifier: mandate.creditorIdentifier,
          }
        : null,
    };
  });
}

/**
 * The full IBAN of one of the actor's accounts, audited before it is handed out. At most
 * `ibanReveal` per hour and person (another customer's id is NOT_FOUND and costs nothing).
 */
export async function revealIban(
  actor: CustomerActor,
  bankAccountId: string,
): Promise<BankAccountResult<{ iban: string }>> {
  const account = await db.bankAccount.findFirst({ where: { id: bankAccountId, userId: actor.userId } });
  if (!account) return { ok: false, code: "NOT_FOUND" };
  if (!(await consumeRateLimit({ policy: "ibanReveal", subject: actor.userId })).allowed) {
    return { ok: false, code: "RATE_LIMITED" };
  }
  const iban = openIban(account.id, account.ibanCiphertext, dataKeys().all);
  await writeAuditEvent(db, {
    type: "bank_account.revealed",
    actor,
    subject: actor.userId,
    target: { type: "BankAccount", id: account.id },
    metadata: { accountMasked: maskIban(iban) },
  });
  return { ok: true, iban };
}
