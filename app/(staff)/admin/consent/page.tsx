import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/permissions";
import { toLocale } from "@/lib/i18n/config";
import { DATE_TIME_SHORT } from "@/lib/i18n/formats";
import { listConsentPurposes } from "@/lib/server/consent/consent-versions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("staff.admin.consent");
  return { title: t("title") };
}

type Props = { searchParams: Promise<{ published?: string; version?: string }> };

export default async function AdminConsentPage({ searchParams }: Props) {
  await requirePermission("consents:manage", { returnTo: "/admin/consent" });
  const [t, format, locale, purposes, params] = await Promise.all([
    getTranslations("staff.admin.consent"),
    getFormatter(),
    getLocale().then(toLocale),
    listConsentPurposes(),
    searchParams,
  ]);
  const titleOf = (purpose: (typeof purposes)[number]) =>
    purpose.current?.texts[locale]?.title ?? purpose.current?.texts.de?.title ?? purpose.key;
  const published = purposes.find((p) => p.key === params.published);
  const publishedVersion = Number(params.version);

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {published && published.current?.version === publishedVersion ? (
        <Notice tone="success" className="mb-6">
          {t("publishedNotice", { version: publishedVersion, title: titleOf(published) })}
        </Notice>
      ) : null}
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{t("tableCaption")}</caption>
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-4 py-3 font-medium">
                {t("purpose")}
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                {t("legalBasis")}
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                {t("currentVersion")}
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                {t("published")}
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                {t("material")}
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                {t("actions")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200 text-slate-900">
            {purposes.map((purpose) => (
              <tr key={purpose.key}>
                <th scope="row" className="px-4 py-3 font-medium">
                  {titleOf(purpose)}
                  <span className="block font-mono text-xs font-normal text-slate-600">
                    {purpose.key}
                    {purpose.active ? null : ` · ${t("inactive")}`}
                  </span>
                </th>
                <td className="px-4 py-3">{t(`legalBases.${purpose.legalBasis}`)}</td>
                <td className="px-4 py-3">
                  {purpose.current ? t("versionValue", { version: purpose.current.version }) : t("never")}
                </td>
                <td className="px-4 py-3 whitespace-nowrap">
                  {purpose.current ? format.dateTime(purpose.current.publishedAt, DATE_TIME_SHORT) : "–"}
                </td>
                <td className="px-4 py-3">
                  {purpose.current ? (purpose.current.isMaterial ? t("yes") : t("no")) : "–"}
                </td>
                <td className="px-4 py-3">
                  {purpose.current ? (
                    <Link
                      href={`/admin/consent/${purpose.key}`}
                      aria-label={t("publishLinkLabel", { title: titleOf(purpose) })}
                      className="text-brand-700 underline"
                    >
                      {t("publishLink")}
                    </Link>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
