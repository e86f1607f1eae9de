import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { ConfirmTransaction } from "../../../_components/confirm-transaction";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { bankAccountChangeForDisplay } from "@/lib/server/bank-accounts/bank-account-change-request";
import { availableConfirmationMethod } from "@/lib/server/transactions/display";
import { DATE_TIME_SHORT } from "@/lib/i18n/formats";
import { formatIban } from "@/lib/schemas/bank-account";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account.payment.confirmChange");
  return { title: t("title") };
}

type Props = { params: Promise<{ transactionId: string }> };

/**
 * The confirmation of a new IBAN (docs/decisions/0010, addendum): the details rendered from the
 * stored transaction of this customer and session, the new IBAN in full so the customer can check
 * it, and the passkey (or authenticator code) confirmation bound to exactly these details.
 */
export default async function ConfirmBankAccountChangePage({ params }: Props) {
  const { transactionId } = await params;
  const user = await requireUser({
    returnTo: `/account/payment/confirm/${encodeURIComponent(transactionId)}`,
  });
  const [t, format, method, change] = await Promise.all([
    getTranslations("account.payment.confirmChange"),
    getFormatter(),
    availableConfirmationMethod(user.id),
    bankAccountChangeForDisplay({ userId: user.id, sessionId: user.sessionId, transactionId }),
  ]);

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <Card title={t("cardTitle")}>
        <div className="flex flex-col gap-6">
          {change ? (
            <>
              <dl className="grid gap-4 text-sm sm:grid-cols-[12rem_1fr]">
                <dt className="font-medium text-slate-700">{t("oldIban")}</dt>
                <dd className="font-mono text-slate-900">{change.oldIbanMasked}</dd>
                <dt className="font-medium text-slate-700">{t("newIban")}</dt>
                <dd className="font-mono text-base font-semibold break-all text-slate-900">
                  {formatIban(change.newIban)}
                </dd>
                <dt className="font-medium text-slate-700">{t("holderName")}</dt>
                <dd className="text-slate-900">{change.holderName}</dd>
                <dt className="font-medium text-slate-700">{t("bic")}</dt>
                <dd className="font-mono text-slate-900">{change.bic || t("bicNone")}</dd>
                <dt className="font-medium text-slate-700">{t("mandate")}</dt>
                <dd className="text-slate-900">{change.grantMandate ? t("mandateNew") : t("mandateNone")}</dd>
              </dl>
              <p className="text-sm text-slate-600">
                {t("validUntil", { time: format.dateTime(change.expiresAt, DATE_TIME_SHORT) })}
              </p>
              <ConfirmTransaction
                key={change.id}
                transactionId={change.id}
                kind="bank_account.change"
                shownHash={change.shownHash}
                method={method}
              />
            </>
          ) : (
            <Notice tone="warning">{t("gone")}</Notice>
          )}
          <Button href="/account/payment" variant="secondary" className="self-start">
            {t("back")}
          </Button>
        </div>
      </Card>
    </>
  );
}
