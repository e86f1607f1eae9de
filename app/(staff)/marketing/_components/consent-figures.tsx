import { getFormatter, getTranslations } from "next-intl/server";
import type { ConsentStats } from "@/lib/server/marketing/consent-stats";
import { ConsentChart } from "./consent-chart";

const cell = "px-2 py-2";

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
      <section
        aria-labelledby="rates-title"
        className="min-w-0 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6"
      >
        <h2 id="rates-title" className="mb-3 text-lg font-semibold">
          {t("ratesTitle")}
        </h2>
        <table className="w-full text-left text-sm hyphens-auto">
          <caption className="sr-only">{t("ratesCaption")}</caption>
          <thead>
            <tr>
              <th scope="col" className={cell}>
                {t("purpose")}
              </th>
              <th scope="col" className={cell}>
                {t("members")}
              </th>
              <th scope="col" className={cell}>
                {t("rate")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {stats.rates.map((r) => (
              <tr key={r.key}>
                <th scope="row" className={`${cell} font-normal`}>
                  {titles[r.key] ?? r.key}
                </th>
                <td className={cell}>{format.number(r.members)}</td>
                <td className={cell}>{percent(r.members, r.customers)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section
        aria-labelledby="weeks-title"
        className="min-w-0 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6"
      >
        <h2 id="weeks-title" className="mb-3 text-lg font-semibold">
          {t("weeksTitle", { title })}
        </h2>
        <ConsentChart
          weeks={weeks}
          labels={{ optIns: t("optIns"), optOuts: t("optOuts"), summary: t("chartSummary", { title }) }}
        />
        <details className="mt-3 text-sm">
          <summary className="cursor-pointer text-brand-700 underline">{t("weeksTable")}</summary>
          <table className="mt-2 w-full text-left">
            <caption className="sr-only">{t("weeksCaption", { title })}</caption>
            <thead>
              <tr>
                <th scope="col" className={cell}>
                  {t("week")}
                </th>
                <th scope="col" className={cell}>
                  {t("optIns")}
                </th>
                <th scope="col" className={cell}>
                  {t("optOuts")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {weeks.map((w) => (
                <tr key={w.week}>
                  <th scope="row" className={`${cell} font-normal`}>
                    {w.week}
                  </th>
                  <td className={cell}>{w.optIns}</td>
                  <td className={cell}>{w.optOuts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </section>
      <section
        aria-labelledby="funnel-title"
        className="min-w-0 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6"
      >
        <h2 id="funnel-title" className="mb-3 text-lg font-semibold">
          {t("funnelTitle")}
        </h2>
        <dl className="grid grid-cols-2 gap-2 text-sm">
          <dt>{t("funnelRequested")}</dt>
          <dd className="font-semibold">{format.number(stats.funnel.requested)}</dd>
          <dt>{t("funnelConfirmed")}</dt>
          <dd className="font-semibold">
            {format.number(stats.funnel.confirmed)} ({percent(stats.funnel.confirmed, stats.funnel.requested)}
            )
          </dd>
        </dl>
      </section>
      <section
        aria-labelledby="profile-title"
        className="min-w-0 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6"
      >
        <h2 id="profile-title" className="mb-3 text-lg font-semibold">
          {t("profileTitle")}
        </h2>
        <dl className="grid grid-cols-2 gap-2 text-sm">
          {(["firstName", "dateOfBirth", "phone"] as const).map((field) => (
            <div key={field} className="contents">
              <dt>{t(`profileFields.${field}`)}</dt>
              <dd className="font-semibold">{percent(stats.profile[field], stats.profile.customers)}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}
