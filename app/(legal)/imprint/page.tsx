import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("imprint");
  return { title: t("title") };
}

export default async function ImprintPage() {
  const t = await getTranslations("imprint");

  return (
    <>
      <PageHeader title={t("title")} />
      <Notice tone="warning" className="mb-8">
        {t("demoNotice")}
      </Notice>
      <div className="flex flex-col gap-8 text-slate-800">
        <section>
          <h2 className="text-lg font-semibold text-slate-900">{t("providerHeading")}</h2>
          <address className="mt-2 not-italic">
            {t("companyName")}
            <br />
            {t("street")}
            <br />
            {t("city")}
            <br />
            {t("country")}
          </address>
        </section>
        <section>
          <h2 className="text-lg font-semibold text-slate-900">{t("representedHeading")}</h2>
          <p className="mt-2">{t("represented")}</p>
        </section>
        <section>
          <h2 className="text-lg font-semibold text-slate-900">{t("contactHeading")}</h2>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
            <dt>{t("phoneLabel")}</dt>
            <dd>{t("phone")}</dd>
            <dt>{t("emailLabel")}</dt>
            <dd>
              <a href={`mailto:${t("email")}`} className="text-brand-700 underline hover:text-brand-900">
                {t("email")}
              </a>
            </dd>
          </dl>
        </section>
        <section>
          <h2 className="text-lg font-semibold text-slate-900">{t("registerHeading")}</h2>
          <p className="mt-2">{t("register")}</p>
        </section>
        <section>
          <h2 className="text-lg font-semibold text-slate-900">{t("vatHeading")}</h2>
          <p className="mt-2">{t("vat")}</p>
        </section>
        <section>
          <h2 className="text-lg font-semibold text-slate-900">{t("disputeHeading")}</h2>
          <p className="mt-2">{t("dispute")}</p>
        </section>
      </div>
    </>
  );
}
