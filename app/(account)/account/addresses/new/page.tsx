import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { Button } from "@/components/ui/button";
import { requireUser } from "@/lib/auth/session";
import { EMPTY_ADDRESS_INPUT, MAX_ADDRESSES } from "@/lib/schemas/address";
import { countAddresses } from "@/lib/server/addresses/address-book";
import { AddressForm } from "../address-form";
import { countryOptions } from "../country-options";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account.addresses");
  return { title: t("newTitle") };
}

export default async function NewAddressPage() {
  const user = await requireUser({ returnTo: "/account/addresses/new" });
  const [t, locale, count] = await Promise.all([
    getTranslations("account.addresses"),
    getLocale(),
    countAddresses(user.id),
  ]);
  const isFirst = count === 0;

  return (
    <>
      <PageHeader title={t("newTitle")} description={t("newDescription")} />
      {count >= MAX_ADDRESSES ? (
        <Notice tone="info" title={t("limitReached", { max: MAX_ADDRESSES })}>
          <Button href="/account/addresses" variant="link">
            {t("backToList")}
          </Button>
        </Notice>
      ) : (
        <Card>
          <AddressForm
            // The first address becomes the default for both, unless the customer unticks it.
            defaultValues={{ ...EMPTY_ADDRESS_INPUT, isDefaultShipping: isFirst, isDefaultBilling: isFirst }}
            countries={countryOptions(locale)}
          />
        </Card>
      )}
    </>
  );
}
