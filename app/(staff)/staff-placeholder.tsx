import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export type StaffArea = "support" | "marketing" | "admin";

/** Header and empty state of a staff console whose features arrive in later issues. */
export async function StaffPlaceholder({ area }: { area: StaffArea }) {
  const t = await getTranslations(`staff.${area}`);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <EmptyState title={t("emptyTitle")} text={t("emptyText")} />
    </>
  );
}

export async function staffMetadata(area: StaffArea) {
  const t = await getTranslations(`staff.${area}`);
  return { title: t("title") };
}
