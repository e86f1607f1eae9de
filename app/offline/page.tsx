import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("offline");
  return { title: t("title"), robots: { index: false } };
}

/**
 * What the installed app shows without a network (docs/decisions/0068): the service worker keeps
 * this page, fetched without cookies, and answers a failed page navigation with it. It must stay
 * free of anything personal and of data reads: the same copy is shown to whoever is offline.
 */
export default async function OfflinePage() {
  const t = await getTranslations("offline");
  return (
    <div className="max-w-2xl">
      <PageHeader title={t("title")} description={t("text")} />
      <Button href="/account">{t("retry")}</Button>
    </div>
  );
}
