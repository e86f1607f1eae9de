import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { ADDRESS_COUNTRIES, ADDRESS_TYPES, type AddressInput } from "@/lib/schemas/address";
import { getAddress, type AddressView } from "@/lib/server/addresses/address-book";
import { AddressForm } from "../../address-form";
import { countryOptions } from "../../country-options";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account.addresses");
  return { title: t("editTitle") };
}

function toInput(address: AddressView): AddressInput {
  const type = ADDRESS_TYPES.find((value) => value === address.type) ?? "STREET";
  const country = ADDRESS_COUNTRIES.find((value) => value === address.country) ?? "DE";
  return {
    type,
    label: address.label ?? "",
    recipientName: address.recipientName,
    company: address.company ?? "",
    street: address.street ?? "",
    houseNumber: address.houseNumber ?? "",
    addition: address.addition ?? "",
    postalCode: address.postalCode,
    city: address.city,
    region: address.region ?? "",
    country,
    packstationNumber: address.packstationNumber ?? "",
    postNumber: address.postNumber ?? "",
    postfilialeNumber: address.postfilialeNumber ?? "",
    isDefaultShipping: address.isDefaultShipping,
    isDefaultBilling: address.isDefaultBilling,
  };
}

type Props = { params: Promise<{ id: string }> };

export default async function EditAddressPage({ params }: Props) {
  const { id } = await params;
  const user = await requireUser({ returnTo: `/account/addresses/${encodeURIComponent(id)}/edit` });
  // Filtered by the signed-in customer: someone else's id is simply not found.
  const [t, locale, address] = await Promise.all([
    getTranslations("account.addresses"),
    getLocale(),
    getAddress({ userId: user.id, addressId: id }),
  ]);
  if (!address) notFound();

  return (
    <>
      <PageHeader title={t("editTitle")} description={t("editDescription")} />
      <Card>
        <AddressForm
          addressId={address.id}
          defaultValues={toInput(address)}
          countries={countryOptions(locale)}
        />
      </Card>
    </>
  );
}
