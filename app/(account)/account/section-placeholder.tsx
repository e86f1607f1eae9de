import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import type { AccountSectionKey } from "./areas";

/** Header and empty state of a section whose features arrive in later issues. */
export async function SectionPlaceholder({ section }: { section: AccountSectionKey }) {
  const t = await getTranslations(`account.${section}`);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <EmptyState title={t("emptyTitle")} text={t("emptyText")} />
    </>
  );
}

export async function sectionMetadata(section: AccountSectionKey) {
  const t = await getTranslations(`account.${section}`);
  return { title: t("title") };
}
