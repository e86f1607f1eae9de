import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { PageHeader } from "@/components/ui/page-header";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("privacy");
  return { title: t("title") };
}

const DATA_CATEGORIES = [
  "account",
  "profile",
  "addresses",
  "payment",
  "communication",
  "security",
  "audit",
] as const;

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section>
      <h2 className="text-lg font-semibold text-slate-900">{title}</h2>
      <div className="mt-2">{children}</div>
    </section>
  );
}

export default async function PrivacyPage() {
  const t = await getTranslations("privacy");

  return (
    <>
      <PageHeader title={t("title")} description={t("intro")} />
      <div className="flex flex-col gap-8 text-slate-800">
        <Section title={t("controllerHeading")}>
          <p>
            {t.rich("controller", {
              link: (chunks) => (
                <Link href="/imprint" className="text-brand-700 underline hover:text-brand-900">
                  {chunks}
                </Link>
              ),
            })}
          </p>
        </Section>
        <Section title={t("dataHeading")}>
          <ul className="list-disc space-y-2 pl-5">
            {DATA_CATEGORIES.map((category) => (
              <li key={category}>{t(`data.${category}`)}</li>
            ))}
          </ul>
        </Section>
        <Section title={t("purposesHeading")}>
          <p>{t("purposes")}</p>
        </Section>
        <Section title={t("cookiesHeading")}>
          <p>{t("cookies")}</p>
        </Section>
        <Section title={t("retentionHeading")}>
          <p>{t("retention")}</p>
        </Section>
        <Section title={t("rightsHeading")}>
          <p>{t("rights")}</p>
        </Section>
      </div>
    </>
  );
}
