import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/permissions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("staff.admin");
  return { title: t("title") };
}

const AREAS = [
  { href: "/admin/staff", key: "staff" },
  { href: "/admin/consent", key: "consent" },
  { href: "/admin/api-keys", key: "apiKeys" },
  { href: "/admin/webhooks", key: "webhooks" },
] as const;

/** The administration's index: one entry per area. */
export default async function AdminPage() {
  await requirePermission("staff:manage", { returnTo: "/admin" });
  const t = await getTranslations("staff.admin");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <nav aria-label={t("sectionsTitle")}>
        <ul className="grid gap-4 sm:grid-cols-2">
          {AREAS.map(({ href, key }) => (
            <li key={href} className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
              <Link href={href} className="text-lg font-semibold text-brand-700 underline">
                {t(`sections.${key}`)}
              </Link>
              <p className="mt-1 text-sm text-slate-600">{t(`sections.${key}Text`)}</p>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}
