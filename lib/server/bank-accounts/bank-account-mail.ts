import "server-only";
/**
 * The notice mail after bank details were added, changed or removed: a hijacked session must not
 * redirect direct debits or payouts without the account holder hearing of it.
 */
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { localeOf, sendMailInBackground } from "@/lib/server/identity/notify";
import type { BankAccountMailChange } from "@/lib/server/mail/templates";

export function notifyBankAccountChanged(
  userId: string,
  change: BankAccountMailChange,
  accountMasked: string,
): void {
  void db.user
    .findUnique({ where: { id: userId }, select: { email: true, locale: true } })
    .then((user) => {
      if (!user) return;
      sendMailInBackground({
        to: user.email,
        locale: localeOf(user.locale),
        template: {
          name: "bank-account-changed",
          data: {
            change,
            accountMasked,
            time: new Date(),
            reviewUrl: `${getEnv().appUrl}/account/payment`,
          },
        },
      });
    })
    .catch((error: unknown) => {
      console.error(
        `[mail] bank-account notice not sent: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
}
