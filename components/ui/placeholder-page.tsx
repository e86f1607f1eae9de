import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

/** Message namespaces that provide title, description, emptyTitle and emptyText. */
export type PlaceholderNamespace = "staff.support";

/** Header and empty state of a page whose features arrive in later issues. */
export async function PlaceholderPage({ namespace }: { namespace: PlaceholderNamespace }) {
  const t = await getTranslations(namespace);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <EmptyState title={t("emptyTitle")} text={t("emptyText")} />
    </>
  );
}

export async function placeholderMetadata(namespace: PlaceholderNamespace) {
  const t = await getTranslations(namespace);
  return { title: t("title") };
}
