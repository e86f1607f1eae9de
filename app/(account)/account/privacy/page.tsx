import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { toLocale } from "@/lib/i18n/config";
import { getConsentOverview } from "@/lib/server/consent/consent-overview";
import { AccountDeletionSection } from "./deletion-section";
import { DataExportSection } from "./export-section";
import { PurposeItem } from "./purpose-item";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account.privacy");
  return { title: t("title") };
}

export default async function AccountPrivacyPage() {
  const user = await requireUser({ returnTo: "/account/privacy" });
  const locale = toLocale(await getLocale());
  const [t, overview] = await Promise.all([
    getTranslations("account.privacy"),
    getConsentOverview(user.id, locale),
  ]);
  const consents = overview.filter((purpose) => purpose.isChangeable);
  const agreements = overview.filter((purpose) => !purpose.isChangeable);

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="flex flex-col gap-10">
        <section aria-labelledby="consents-heading" className="flex flex-col gap-4">
          <div>
            <h2 id="consents-heading" className="text-xl font-semibold text-slate-900">
              {t("consentsTitle")}
            </h2>
            <p className="mt-1 max-w-prose text-sm text-slate-600">{t("consentsDescription")}</p>
          </div>
          {consents.map((purpose) => (
            <PurposeItem key={purpose.key} purpose={purpose} />
          ))}
        </section>
        {agreements.length > 0 ? (
          <section aria-labelledby="agreements-heading" className="flex flex-col gap-4">
            <div>
              <h2 id="agreements-heading" className="text-xl font-semibold text-slate-900">
                {t("contractTitle")}
              </h2>
              <p className="mt-1 max-w-prose text-sm text-slate-600">{t("contractDescription")}</p>
            </div>
            {agreements.map((purpose) => (
              <PurposeItem key={purpose.key} purpose={purpose} />
            ))}
          </section>
        ) : null}
        <DataExportSection />
        <AccountDeletionSection />
      </div>
    </>
  );
}
