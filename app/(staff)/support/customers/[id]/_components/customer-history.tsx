import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { inputClassName } from "@/components/forms/field-parts";
import { buttonClassName } from "@/components/ui/button";
import { DATE_TIME_SHORT } from "@/lib/i18n/formats";
import { HISTORY_FILTER_KEYS, type HistoryFilter } from "@/lib/server/activity/activity-types";
import type { SubjectEventPage } from "@/lib/server/activity/subject-events";

export type HistoryParams = { type: HistoryFilter | null; from: string; to: string };

/**
 * The customer's audit history for the agent: filter by kind and period (a GET form, so the
 * filter is in the URL and paging keeps it), newest first, a risk decision in the words stored
 * with it (docs/decisions/0021), the reason of every staff action.
 */
export async function CustomerHistory(props: {
  customerId: string;
  params: HistoryParams;
  page: SubjectEventPage;
}) {
  const [t, format] = await Promise.all([getTranslations("staff.support.history"), getFormatter()]);
  const { params, page } = props;
  const base = `/support/customers/${props.customerId}`;
  const query = (extra: Record<string, string>) =>
    `${base}?${new URLSearchParams({ ...(params.type ? { type: params.type } : {}), from: params.from, to: params.to, ...extra }).toString()}#history`;
  return (
    <section aria-labelledby="history" className="flex flex-col gap-4">
      <h2 id="history" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <form method="get" action={base} className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="flex flex-col gap-1.5">
          <label htmlFor="history-type" className="font-medium">
            {t("type")}
          </label>
          <select id="history-type" name="type" defaultValue={params.type ?? ""} className={inputClassName}>
            <option value="">{t("allTypes")}</option>
            {HISTORY_FILTER_KEYS.map((key) => (
              <option key={key} value={key}>
                {t(`types.${key}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1.5">
          <label htmlFor="history-from" className="font-medium">
            {t("from")}
          </label>
          <input
            id="history-from"
            name="from"
            type="date"
            defaultValue={params.from}
            className={inputClassName}
          />
        </div>
        <div className="flex flex-col gap-1.5">
          <label htmlFor="history-to" className="font-medium">
            {t("to")}
          </label>
          <input id="history-to" name="to" type="date" defaultValue={params.to} className={inputClassName} />
        </div>
        <button type="submit" className={buttonClassName({ variant: "secondary" })}>
          {t("apply")}
        </button>
      </form>
      {page.events.length === 0 ? (
        <p className="text-slate-700">{t("empty")}</p>
      ) : (
        <ol className="flex flex-col gap-2">
          {page.events.map((event) => (
            <li key={event.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
              <p>
                <span className="font-medium">{format.dateTime(event.createdAt, DATE_TIME_SHORT)}</span>
                {" · "}
                <span className="font-mono break-all">{event.type}</span>
                {" · "}
                {t("by", { role: event.actorRole })}
              </p>
              {event.reason ? <p>{t("reason", { reason: event.reason })}</p> : null}
              {event.riskDescription ? (
                <ul className="mt-1 list-disc pl-5 text-slate-800">
                  {event.riskDescription.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {page.next ? (
        <Link href={query({ after: page.next })} className="text-brand-700 underline">
          {t("older")}
        </Link>
      ) : null}
    </section>
  );
}
