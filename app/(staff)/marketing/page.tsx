import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission, requirePermission } from "@/lib/auth/permissions";
import { toLocale } from "@/lib/i18n/config";
import { audiencePage, audienceSize } from "@/lib/server/marketing/audience";
import { audiencePurposes, consentStats } from "@/lib/server/marketing/consent-stats";
import { AudienceFilters } from "./_components/audience-filters";
import { AudienceList } from "./_components/audience-list";
import { ConsentFigures } from "./_components/consent-figures";
import { parseConsoleSearch, type ConsoleSearch } from "./audience-query";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("staff.marketing");
  return { title: t("title") };
}

/**
 * /marketing (docs/decisions/0045): consent figures, and the audience of a purpose with filters,
 * read fresh on every request from the one audience query, so a withdrawal is gone on the next load.
 */
export default async function MarketingPage({ searchParams }: { searchParams: Promise<ConsoleSearch> }) {
  const user = await requirePermission("audiences:read", { returnTo: "/marketing" });
  const [t, locale, search] = await Promise.all([
    getTranslations("staff.marketing"),
    getLocale(),
    searchParams,
  ]);
  const purposes = await audiencePurposes(toLocale(locale));
  const fallback = purposes[0]?.key ?? "marketing_email";
  const parsed = parseConsoleSearch(search, fallback);
  const purposeKey = purposes.some((p) => p.key === parsed.purposeKey) ? parsed.purposeKey : fallback;
  const [stats, page, size] = await Promise.all([
    consentStats(),
    audiencePage({ purposeKey, filter: parsed.filter, cursor: parsed.cursor, limit: parsed.limit }),
    audienceSize({ purposeKey, filter: parsed.filter }),
  ]);
  const titles = Object.fromEntries(purposes.map((p) => [p.key, p.title]));
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="flex flex-col gap-10">
        <ConsentFigures stats={stats} purposeKey={purposeKey} titles={titles} />
        <section aria-labelledby="audience-title" className="flex flex-col gap-6">
          <div>
            <h2 id="audience-title" className="text-xl font-semibold">
              {t("audience.title")}
            </h2>
            <p className="mt-1 max-w-prose text-slate-600">{t("audience.description")}</p>
          </div>
          {parsed.invalid ? <Notice tone="warning">{t("audience.invalidFilter")}</Notice> : null}
          <AudienceFilters purposes={purposes} purposeKey={purposeKey} filter={parsed.filter} />
          <AudienceList
            purposeKey={purposeKey}
            filter={parsed.filter}
            members={page.ok ? page.members : []}
            size={size ?? 0}
            nextCursor={page.ok ? page.nextCursor : null}
            canExport={hasPermission(user, "audiences:export")}
          />
        </section>
      </div>
    </>
  );
}
