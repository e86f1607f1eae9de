import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission, requirePermission } from "@/lib/auth/permissions";
import { toLocale } from "@/lib/i18n/config";
import { HISTORY_FILTER_KEYS, typesOfFilter, type HistoryFilter } from "@/lib/server/activity/activity-types";
import { listSubjectEvents } from "@/lib/server/activity/subject-events";
import { findCustomer, hasOpenAccess } from "@/lib/server/support/access";
import { getCustomerFile } from "@/lib/server/support/customer-file";
import { CustomerActions } from "./_components/customer-actions";
import { CustomerHistory } from "./_components/customer-history";
import { CustomerSections } from "./_components/customer-sections";
import { OpenCustomerForm } from "./_components/open-customer-form";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = (value: string) => (DAY.test(value) && !Number.isNaN(Date.parse(value)) ? value : "");

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("staff.support.customer");
  return { title: t("title") };
}

/**
 * /support/customers/[id] (decision 0042): first the reason for opening (audited, shown to the
 * customer), then the read-only file, the actions and the audit history.
 */
export default async function SupportCustomerPage({ params, searchParams }: Props) {
  const { id } = await params;
  const staff = await requirePermission("customers:read", {
    returnTo: `/support/customers/${encodeURIComponent(id)}`,
  });
  const customer = await findCustomer(id);
  if (!customer) notFound();
  const t = await getTranslations("staff.support.customer");
  const back = (
    <Link href="/support" className="text-brand-700 underline">
      {t("back")}
    </Link>
  );
  if (!(await hasOpenAccess(staff.id, customer.id)))
    return (
      <>
        <PageHeader title={t("openTitle")} description={t("openText", { email: customer.email })} />
        <Card>
          <OpenCustomerForm customerId={customer.id} />
        </Card>
        <p className="mt-6">{back}</p>
      </>
    );

  const locale = toLocale(await getLocale());
  const raw = await searchParams;
  const type = HISTORY_FILTER_KEYS.find((k) => k === first(raw.type)) ?? null;
  const from = day(first(raw.from));
  const to = day(first(raw.to));
  const [file, page] = await Promise.all([
    getCustomerFile(customer.id, locale),
    listSubjectEvents(
      {
        subjectUserId: customer.id,
        types: type ? typesOfFilter(type as HistoryFilter) : undefined,
        from: from ? new Date(`${from}T00:00:00Z`) : undefined,
        // "bis" includes the whole day
        to: to ? new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000) : undefined,
        after: first(raw.after) || undefined,
      },
      locale,
    ),
  ]);
  if (!file) notFound();
  return (
    <>
      <PageHeader title={t("title")} description={file.email} actions={back} />
      <div className="flex flex-col gap-8">
        <CustomerSections file={file} />
        <Card title={t("actionsTitle")} description={t("actionsText")}>
          <CustomerActions
            customerId={file.id}
            locked={file.locked !== null}
            emailVerified={file.emailVerified}
            allowed={{
              unlock: hasPermission(staff, "customers:unlock"),
              reset: hasPermission(staff, "customers:reset"),
              revoke: hasPermission(staff, "sessions:revoke"),
            }}
          />
        </Card>
        <CustomerHistory customerId={file.id} params={{ type, from, to }} page={page} />
      </div>
    </>
  );
}
