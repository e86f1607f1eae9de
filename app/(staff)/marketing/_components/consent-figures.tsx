import { getFormatter, getTranslations } from "next-intl/server";
import type { ConsentStats } from "@/lib/server/marketing/consent-stats";
import { ConsentChart } from "./consent-chart";
import { FigureCard, FigureTable } from "./figure-parts";

/**
 * The console's figures: consent rate per purpose, the selected purpose's opt-ins and opt-outs per
 * week (chart with its table, the accessible version), the double opt-in funnel and profile
 * completeness.
 */
export async function ConsentFigures({
  stats,
  purposeKey,
  titles,
}: {
  stats: ConsentStats;
  purposeKey: string;
  titles: Record<string, string>;
}) {
  const [t, format] = await Promise.all([getTranslations("staff.marketing.figures"), getFormatter()]);
  const percent = (part: number, whole: number) =>
    format.number(whole === 0 ? 0 : part / whole, { style: "percent", maximumFractionDigits: 1 });
  const weeks = stats.weeks
    .filter((w) => w.purpose === purposeKey)
    .map((w) => ({
      week: format.dateTime(new Date(`${w.weekStart}T00:00:00Z`), { day: "2-digit", month: "2-digit" }),
      optIns: w.optIns,
      optOuts: w.optOuts,
    }));
  const title = titles[purposeKey] ?? purposeKey;
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <FigureCard id="rates-title" title={t("ratesTitle")}>
        <FigureTable
          caption={t("ratesCaption")}
          columns={[t("purpose"), t("members"), t("rate")]}
          rows={stats.rates.map((r) => ({
            key: r.key,
            cells: [titles[r.key] ?? r.key, format.number(r.members), percent(r.members, r.customers)],
          }))}
        />
      </FigureCard>
      <FigureCard id="weeks-title" title={t("weeksTitle", { title })}>
        <ConsentChart
          weeks={weeks}
          labels={{ optIns: t("optIns"), optOuts: t("optOuts"), summary: t("chartSummary", { title }) }}
        />
        <details className="mt-3 text-sm">
          <summary className="cursor-pointer text-brand-700 underline">{t("weeksTable")}</summary>
          <FigureTable
            className="mt-2 w-full text-left"
            caption={t("weeksCaption", { title })}
            columns={[t("week"), t("optIns"), t("optOuts")]}
            rows={weeks.map((w) => ({ key: w.week, cells: [w.week, w.optIns, w.optOuts] }))}
          />
        </details>
      </FigureCard>
      <FigureCard id="funnel-title" title={t("funnelTitle")}>
        <dl className="grid grid-cols-2 gap-2 text-sm">
          <dt>{t("funnelRequested")}</dt>
          <dd className="font-semibold">{format.number(stats.funnel.requested)}</dd>
          <dt>{t("funnelConfirmed")}</dt>
          <dd className="font-semibold">
            {format.number(stats.funnel.confirmed)} ({percent(stats.funnel.confirmed, stats.funnel.requested)}
            )
          </dd>
        </dl>
      </FigureCard>
      <FigureCard id="profile-title" title={t("profileTitle")}>
        <dl className="grid grid-cols-2 gap-2 text-sm">
          {(["firstName", "dateOfBirth", "phone"] as const).map((field) => (
            <div key={field} className="contents">
              <dt>{t(`profileFields.${field}`)}</dt>
              <dd className="font-semibold">{percent(stats.profile[field], stats.profile.customers)}</dd>
            </div>
          ))}
        </dl>
      </FigureCard>
    </div>
  );
}
