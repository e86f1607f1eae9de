import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { ACCOUNT_SECTIONS } from "./areas";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account.overview");
  return { title: t("title") };
}

export default async function AccountOverviewPage() {
  const user = await requireUser({ returnTo: "/account" });
  const t = await getTranslations("account");

  return (
    <>
      <PageHeader
        title={
          user.displayName ? t("overview.greeting", { name: user.displayName }) : t("overview.greetingNoName")
        }
        description={t("overview.signedInAs", { email: user.email })}
      />
      {user.emailVerified ? null : (
        <Notice tone="warning" title={t("overview.emailUnverifiedTitle")} className="mb-8">
          {t("overview.emailUnverifiedText")}
        </Notice>
      )}
      <section aria-labelledby="account-sections">
        <h2 id="account-sections" className="text-lg font-semibold text-slate-900">
          {t("overview.areasTitle")}
        </h2>
        <ul className="mt-4 grid gap-4 sm:grid-cols-2">
          {ACCOUNT_SECTIONS.map((section) => (
            <li key={section.key}>
              {/* The whole card is the link; its name is the section title, the text describes it. */}
              <Link
                href={section.href}
                className="block h-full rounded-xl border border-slate-200 bg-white p-5 no-underline shadow-sm hover:border-brand-700 hover:shadow-md"
              >
                <span className="block font-semibold text-brand-800 underline">
                  {t(`nav.${section.key}`)}
                </span>
                <span className="mt-1 block text-sm text-slate-600">{t(`${section.key}.description`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
