import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/permissions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("staff.admin");
  return { title: t("title") };
}

/** The administration's index: one entry per area. */
export default async function AdminPage() {
  await requirePermission("staff:manage", { returnTo: "/admin" });
  const t = await getTranslations("staff.admin");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <nav aria-label={t("sectionsTitle")}>
        <ul className="grid gap-4 sm:grid-cols-2">
          <li className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
            <Link href="/admin/staff" className="text-lg font-semibold text-brand-700 underline">
              {t("sections.staff")}
            </Link>
            <p className="mt-1 text-sm text-slate-600">{t("sections.staffText")}</p>
          </li>
          <li className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
            <Link href="/admin/consent" className="text-lg font-semibold text-brand-700 underline">
              {t("sections.consent")}
            </Link>
            <p className="mt-1 text-sm text-slate-600">{t("sections.consentText")}</p>
          </li>
          <li className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
            <Link href="/admin/api-keys" className="text-lg font-semibold text-brand-700 underline">
              {t("sections.apiKeys")}
            </Link>
            <p className="mt-1 text-sm text-slate-600">{t("sections.apiKeysText")}</p>
          </li>
          <li className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
            <Link href="/admin/webhooks" className="text-lg font-semibold text-brand-700 underline">
              {t("sections.webhooks")}
            </Link>
            <p className="mt-1 text-sm text-slate-600">{t("sections.webhooksText")}</p>
          </li>
        </ul>
      </nav>
    </>
  );
}
