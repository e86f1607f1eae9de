import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { toLocale } from "@/lib/i18n/config";
import { DATE_TIME_SHORT } from "@/lib/i18n/formats";
import { activityKeyOf, CUSTOMER_ACTIVITY_TYPES } from "@/lib/server/activity/activity-types";
import { listSubjectEvents } from "@/lib/server/activity/subject-events";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account.activity");
  return { title: t("title") };
}

/**
 * /account/activity (issue 12, decision 0042): the customer's own changes and everything customer
 * service saw or did on the account, with the reason the agent gave, in plain words, paged.
 */
export default async function AccountActivityPage({ searchParams }: Props) {
  const user = await requireUser({ returnTo: "/account/activity" });
  const { after } = await searchParams;
  const [t, format, locale] = await Promise.all([
    getTranslations("account.activity"),
    getFormatter(),
    getLocale(),
  ]);
  const page = await listSubjectEvents(
    {
      subjectUserId: user.id,
      types: CUSTOMER_ACTIVITY_TYPES,
      after: typeof after === "string" ? after : undefined,
    },
    toLocale(locale),
  );
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {page.events.length === 0 ? (
        <p className="text-slate-700">{t("empty")}</p>
      ) : (
        <ol className="flex flex-col gap-2">
          {page.events.map((event) => {
            const key = activityKeyOf(event.type);
            return (
              <li key={event.id} className="rounded-lg border border-slate-200 bg-white p-4">
                <p className="text-sm text-slate-600">{format.dateTime(event.createdAt, DATE_TIME_SHORT)}</p>
                <p>
                  {key ? t(`events.${key}`) : event.type}
                  {event.reason ? ` ${t("reason", { reason: event.reason })}` : ""}
                </p>
              </li>
            );
          })}
        </ol>
      )}
      {page.next ? (
        <p className="mt-4">
          <Link
            href={`/account/activity?after=${encodeURIComponent(page.next)}`}
            className="text-brand-700 underline"
          >
            {t("older")}
          </Link>
        </p>
      ) : null}
    </>
  );
}
