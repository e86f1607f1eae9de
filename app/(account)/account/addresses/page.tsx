import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ProfilingCard } from "../_components/profiling-card";
import { Button } from "@/components/ui/button";
import { FlashToast } from "@/components/ui/flash-toast";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { MAX_ADDRESSES } from "@/lib/schemas/address";
import { listAddresses } from "@/lib/server/addresses/address-book";
import { AddressCard } from "./address-card";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account.addresses");
  return { title: t("title") };
}

/** ?notice=… set by the address actions' redirects, and how each is worded (told by the toaster). */
const NOTICES = {
  created: { key: "created", tone: "success" },
  updated: { key: "updated", tone: "success" },
  deleted: { key: "deleted", tone: "success" },
  "default-shipping": { key: "defaultShipping", tone: "success" },
  "default-billing": { key: "defaultBilling", tone: "success" },
  "not-found": { key: "notFound", tone: "error" },
  "billing-needs-street": { key: "billingNeedsStreet", tone: "error" },
} as const;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AccountAddressesPage({ searchParams }: Props) {
  const user = await requireUser({ returnTo: "/account/addresses" });
  const [t, addresses, params] = await Promise.all([
    getTranslations("account.addresses"),
    listAddresses(user.id),
    searchParams,
  ]);
  const notice =
    typeof params.notice === "string" && Object.hasOwn(NOTICES, params.notice)
      ? NOTICES[params.notice as keyof typeof NOTICES]
      : null;
  const isFull = addresses.length >= MAX_ADDRESSES;
  const addButton = isFull ? null : <Button href="/account/addresses/new">{t("add")}</Button>;

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={addresses.length > 0 ? addButton : null}
      />
      <FlashToast
        params={["notice"]}
        flash={notice ? { tone: notice.tone, message: t(`notice.${notice.key}`) } : null}
      />
      <ProfilingCard user={user} place="/account/addresses" />
      {addresses.length === 0 ? (
        <EmptyState title={t("emptyTitle")} text={t("emptyText")} action={addButton} />
      ) : (
        <section aria-labelledby="address-book-title" className="flex flex-col gap-4">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="address-book-title" className="text-lg font-semibold text-slate-900">
              {t("listTitle")}
            </h2>
            <p className="text-sm text-slate-600">
              {t("count", { count: addresses.length, max: MAX_ADDRESSES })}
            </p>
          </div>
          {isFull ? <Notice tone="info">{t("limitReached", { max: MAX_ADDRESSES })}</Notice> : null}
          <ul className="grid gap-4 sm:grid-cols-2">
            {addresses.map((address) => (
              <li key={address.id}>
                <AddressCard address={address} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
