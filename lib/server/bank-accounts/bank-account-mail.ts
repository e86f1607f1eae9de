import "server-only";
/**
 * The notice mail after bank details were added, changed or removed: a hijacked session must not
 * redirect direct debits or payouts without the account holder hearing of it.
 */
import { getEnv } from "@/lib/env";
import { mailCustomerInBackground } from "@/lib/server/identity/notify";
import type { BankAccountMailChange } from "@/lib/server/mail/templates";

export function notifyBankAccountChanged(
  userId: string,
  change: BankAccountMailChange,
  accountMasked: string,
): void {
  mailCustomerInBackground(userId, {
    name: "bank-account-changed",
    data: { change, accountMasked, time: new Date(), reviewUrl: `${getEnv().appUrl}/account/payment` },
  });
}
