import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClassName } from "@/components/ui/button";
import type { AudienceFilter } from "@/lib/schemas/audience";
import type { AudienceMember } from "@/lib/server/marketing/audience";
import { filterQuery } from "../audience-query";

/** One page of the audience (only the fields marketing may use), the CSV export and the next page. */
export async function AudienceList({
  purposeKey,
  filter,
  members,
  size,
  nextCursor,
  canExport,
}: {
  purposeKey: string;
  filter: AudienceFilter;
  members: AudienceMember[];
  size: number;
  nextCursor: string | null;
  canExport: boolean;
}) {
  const t = await getTranslations("staff.marketing.audience");
  const withPhone = filter.channel === "SMS";
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <p role="status" className="text-base text-slate-900">
          {t("size", { count: size })}
        </p>
        {canExport ? (
          <a
            href={`/marketing/export?${filterQuery(purposeKey, filter)}`}
            className={buttonClassName({ variant: "secondary" })}
            download
          >
            {t("export")}
          </a>
        ) : null}
      </div>
      {members.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        // Focusable so that keyboard users can scroll a table wider than a phone (WCAG 2.1.1).
        <div
          role="region"
          aria-label={t("tableCaption")}
          tabIndex={0}
          className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm"
        >
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t("tableCaption")}</caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">
                  {t("email")}
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  {t("firstName")}
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  {t("language")}
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  {t("topics")}
                </th>
                {withPhone ? (
                  <th scope="col" className="px-4 py-3 font-medium">
                    {t("phone")}
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200 text-slate-900">
              {members.map((m) => (
                <tr key={m.id}>
                  <th scope="row" className="px-4 py-3 font-normal break-all">
                    {m.email}
                  </th>
                  <td className="px-4 py-3">{m.firstName ?? "–"}</td>
                  <td className="px-4 py-3 uppercase">{m.language}</td>
                  <td className="px-4 py-3">{m.topics.join(", ") || "–"}</td>
                  {withPhone ? <td className="px-4 py-3">{m.phone ?? "–"}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextCursor ? (
        <Link
          href={`/marketing?${filterQuery(purposeKey, filter, { cursor: nextCursor })}`}
          className="self-start text-brand-700 underline"
        >
          {t("next")}
        </Link>
      ) : null}
    </div>
  );
}
