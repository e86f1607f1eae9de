import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/permissions";
import { formatCustomerNumber } from "@/lib/schemas/customer-number";
import { SupportSearchSchema } from "@/lib/schemas/support";
import { searchCustomers, searchPrefix } from "@/lib/server/support/search";
import { SearchBox } from "./_components/search-box";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("staff.support");
  return { title: t("title") };
}

/**
 * /support: find a customer by the start of their address, name, phone number (decision 0042) or
 * customer number (decision 0043).
 */
export default async function SupportPage({ searchParams }: Props) {
  await requirePermission("customers:read", { returnTo: "/support" });
  const raw = await searchParams;
  const search = SupportSearchSchema.parse({ by: first(raw.by), q: first(raw.q), after: first(raw.after) });
  const [t, result] = await Promise.all([getTranslations("staff.support"), searchCustomers(search)]);
  const searched = searchPrefix(search.by, search.q) !== null;
  const nextHref = result.next
    ? `/support?${new URLSearchParams({ by: search.by, q: search.q, after: result.next }).toString()}`
    : null;
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <SearchBox by={search.by} q={search.q} />
      <section aria-labelledby="results-title" className="mt-8">
        <h2 id="results-title" className="mb-3 text-lg font-semibold">
          {t("results.title")}
        </h2>
        {!searched ? (
          <p className="text-slate-700">{t("results.prompt")}</p>
        ) : result.hits.length === 0 ? (
          <p className="text-slate-700">{t("results.none")}</p>
        ) : (
          <ul className="flex flex-col gap-2">
            {result.hits.map((hit) => (
              <li key={hit.id} className="rounded-lg border border-slate-200 bg-white p-4">
                <Link
                  href={`/support/customers/${hit.id}`}
                  className="font-medium break-all text-brand-700 underline"
                >
                  {hit.email}
                </Link>
                <p className="text-sm text-slate-700">
                  {[
                    hit.customerNumber ? formatCustomerNumber(hit.customerNumber) : null,
                    hit.name,
                    hit.phoneE164,
                    hit.locked ? t("results.locked") : null,
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </p>
              </li>
            ))}
          </ul>
        )}
        {nextHref ? (
          <p className="mt-4">
            <Link href={nextHref} className="text-brand-700 underline">
              {t("results.more")}
            </Link>
          </p>
        ) : null}
      </section>
    </>
  );
}
