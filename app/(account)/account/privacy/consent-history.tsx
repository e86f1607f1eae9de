import { getFormatter, getTranslations } from "next-intl/server";
import { DATE_TIME_SHORT } from "@/lib/i18n/formats";
import type { Messages } from "@/lib/i18n/messages";
import type { ConsentHistoryEntry } from "@/lib/server/consent/consent-overview";

type SourceKey = keyof Messages["account"]["privacy"]["sources"];

/** The append-only records of one purpose, newest first, each with the version it applied to. */
export async function ConsentHistory({ title, entries }: { title: string; entries: ConsentHistoryEntry[] }) {
  const [t, format] = await Promise.all([getTranslations("account.privacy"), getFormatter()]);
  const sources = await getTranslations("account.privacy.sources");
  const languages = await getTranslations("account.privacy.languages");
  if (entries.length === 0) return <p className="text-sm text-slate-600">{t("historyEmpty")}</p>;
  return (
    <details>
      <summary className="w-fit cursor-pointer text-sm font-medium text-brand-700 underline">
        {t("historyTitle")} ({entries.length})
      </summary>
      <div className="mt-2 overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{t("historyCaption", { title })}</caption>
          <thead className="text-slate-700">
            <tr>
              <th scope="col" className="py-1 pr-4 font-medium">
                {t("history.date")}
              </th>
              <th scope="col" className="py-1 pr-4 font-medium">
                {t("history.action")}
              </th>
              <th scope="col" className="py-1 pr-4 font-medium">
                {t("history.version")}
              </th>
              <th scope="col" className="py-1 pr-4 font-medium">
                {t("history.source")}
              </th>
              <th scope="col" className="py-1 font-medium">
                {t("history.language")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200 text-slate-900">
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td className="py-1.5 pr-4 whitespace-nowrap">
                  {format.dateTime(entry.createdAt, DATE_TIME_SHORT)}
                </td>
                <td className="py-1.5 pr-4">{t(`actions.${entry.action}`)}</td>
                <td className="py-1.5 pr-4">{t("versionValue", { version: entry.version })}</td>
                <td className="py-1.5 pr-4">
                  {sources.has(entry.source as SourceKey) ? sources(entry.source as SourceKey) : entry.source}
                </td>
                <td className="py-1.5">
                  {entry.locale === "de" || entry.locale === "en" ? languages(entry.locale) : entry.locale}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
