import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { toLocale } from "@/lib/i18n/config";
import { listBankAccounts } from "@/lib/server/bank-accounts/bank-account-views";
import { MAX_BANK_ACCOUNTS } from "@/lib/server/bank-accounts/bank-accounts";
import { getMandateText, sepaCreditor } from "@/lib/server/bank-accounts/sepa-mandates";
import { ProvenAddressNotice } from "../proven-address-notice";
import { AddBankAccountForm } from "./add-bank-account-form";
import { BankAccountItem } from "./bank-account-item";
import type { MandateTextView } from "./bank-details-fields";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account.payment");
  return { title: t("title") };
}

export default async function AccountPaymentPage() {
  const user = await requireUser({ returnTo: "/account/payment" });
  const locale = toLocale(await getLocale());
  const [t, format, accounts, text] = await Promise.all([
    getTranslations("account.payment"),
    getFormatter(),
    listBankAccounts(user.id),
    getMandateText(locale),
  ]);
  const mandate: MandateTextView | null = text
    ? {
        title: text.title,
        body: text.body,
        textHash: text.textHash,
        creditorName: sepaCreditor().name,
        creditorIdentifier: sepaCreditor().identifier,
      }
    : null;

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="flex flex-col gap-6">
        <Card title={t("listTitle")} description={t("listDescription")}>
          {accounts.length === 0 ? (
            <p className="text-sm text-slate-700">{t("emptyTitle")}</p>
          ) : (
            <ul className="flex flex-col gap-4">
              {accounts.map((account) => (
                <BankAccountItem
                  key={account.id}
                  mandate={mandate}
                  account={{
                    id: account.id,
                    holderName: account.holderName,
                    ibanMasked: account.ibanMasked,
                    bic: account.bic,
                    isDefault: account.isDefault,
                    mandateSummary: account.mandate
                      ? t("mandateSummary", {
                          reference: account.mandate.reference,
                          date: format.dateTime(account.mandate.signedAt, { dateStyle: "medium" }),
                        })
                      : null,
                  }}
                />
              ))}
            </ul>
          )}
        </Card>
        <Card title={t("addTitle")} description={t("addDescription")}>
          {!user.emailVerified ? (
            <ProvenAddressNotice feature="bankAccount" />
          ) : accounts.length >= MAX_BANK_ACCOUNTS ? (
            <Notice tone="info">{t("maxReached", { max: MAX_BANK_ACCOUNTS })}</Notice>
          ) : (
            <AddBankAccountForm mandate={mandate} />
          )}
        </Card>
      </div>
    </>
  );
}
