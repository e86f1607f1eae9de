import { getFormatter, getTranslations } from "next-intl/server";
import {
  StackedBody,
  StackedCell,
  StackedHead,
  StackedRow,
  StackedTable,
} from "@/components/ui/stacked-table";
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
      <StackedTable className="mt-2">
        <caption className="sr-only">{t("historyCaption", { title })}</caption>
        <StackedHead className="text-slate-700">
          <tr>
            {(["date", "action", "version", "source", "language"] as const).map((column) => (
              <th key={column} scope="col" className="py-1 pr-4 font-medium last:pr-0">
                {t(`history.${column}`)}
              </th>
            ))}
          </tr>
        </StackedHead>
        <StackedBody className="text-slate-900">
          {entries.map((entry) => (
            <StackedRow key={entry.id}>
              <StackedCell label={t("history.date")} className="whitespace-nowrap sm:py-1.5">
                {format.dateTime(entry.createdAt, DATE_TIME_SHORT)}
              </StackedCell>
              <StackedCell label={t("history.action")} className="sm:py-1.5">
                {t(`actions.${entry.action}`)}
              </StackedCell>
              <StackedCell label={t("history.version")} className="sm:py-1.5">
                {t("versionValue", { version: entry.version })}
              </StackedCell>
              <StackedCell label={t("history.source")} className="sm:py-1.5">
                {sources.has(entry.source as SourceKey) ? sources(entry.source as SourceKey) : entry.source}
              </StackedCell>
              <StackedCell label={t("history.language")} className="sm:py-1.5">
                {entry.locale === "de" || entry.locale === "en" ? languages(entry.locale) : entry.locale}
              </StackedCell>
            </StackedRow>
          ))}
        </StackedBody>
      </StackedTable>
    </details>
  );
}
