import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { getEnv } from "@/lib/env";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("imprint");
  return { title: t("title") };
}

/** The operator's legal notice (§ 5 DDG) from configuration: the entity of mails and mandates too. */
export default async function ImprintPage() {
  const [t, locale] = await Promise.all([getTranslations("imprint"), getLocale()]);
  const entity = getEnv().legalEntity;
  const country = new Intl.DisplayNames([locale], { type: "region" }).of(entity.country) ?? entity.country;

  return (
    <>
      <PageHeader title={t("title")} />
      {entity.isDemo ? (
        <Notice tone="warning" className="mb-8">
          {t("demoNotice")}
        </Notice>
      ) : null}
      <div className="flex flex-col gap-8 text-slate-800">
        <section>
          <h2 className="text-lg font-semibold text-slate-900">{t("providerHeading")}</h2>
          <address className="mt-2 not-italic">
            {entity.name}
            <br />
            {entity.street}
            <br />
            {entity.postalCodeAndCity}
            <br />
            {country}
          </address>
        </section>
        <section>
          <h2 className="text-lg font-semibold text-slate-900">{t("representedHeading")}</h2>
          <p className="mt-2">{entity.representative}</p>
        </section>
        <section>
          <h2 className="text-lg font-semibold text-slate-900">{t("contactHeading")}</h2>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
            {entity.phone ? (
              <>
                <dt>{t("phoneLabel")}</dt>
                <dd>{entity.phone}</dd>
              </>
            ) : null}
            <dt>{t("emailLabel")}</dt>
            <dd>
              <a href={`mailto:${entity.email}`} className="text-brand-700 underline hover:text-brand-900">
                {entity.email}
              </a>
            </dd>
          </dl>
        </section>
        {entity.register ? (
          <section>
            <h2 className="text-lg font-semibold text-slate-900">{t("registerHeading")}</h2>
            <p className="mt-2">{entity.register}</p>
          </section>
        ) : null}
        {entity.vatId ? (
          <section>
            <h2 className="text-lg font-semibold text-slate-900">{t("vatHeading")}</h2>
            <p className="mt-2">{entity.vatId}</p>
          </section>
        ) : null}
        <section>
          <h2 className="text-lg font-semibold text-slate-900">{t("disputeHeading")}</h2>
          <p className="mt-2">{t("dispute")}</p>
        </section>
      </div>
    </>
  );
}
