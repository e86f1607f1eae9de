import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { SubmitButton } from "@/components/forms/submit-button";
import { Button } from "@/components/ui/button";
import { setDefaultAddressAction } from "@/lib/actions/addresses";
import type { AddressView } from "@/lib/server/addresses/address-book";
import { countryName } from "./country-options";
import { DeleteAddressDialog } from "./delete-address-dialog";

/** The lines of an address as a label would print them. */
async function addressLines(address: AddressView): Promise<string[]> {
  const [t, locale] = await Promise.all([getTranslations("account.addresses"), getLocale()]);
  const cityLine = `${address.postalCode} ${address.city}`;
  const country = countryName(locale, address.country);
  if (address.type === "PACKSTATION" || address.type === "POSTFILIALE") {
    const number = address.type === "PACKSTATION" ? address.packstationNumber : address.postfilialeNumber;
    return [
      address.recipientName,
      t("postNumberLine", { number: address.postNumber ?? "" }),
      t(address.type === "PACKSTATION" ? "packstationLine" : "postfilialeLine", { number: number ?? "" }),
      cityLine,
      country,
    ];
  }
  return [
    address.company,
    address.recipientName,
    [address.street, address.houseNumber].filter(Boolean).join(" "),
    address.addition,
    cityLine,
    address.region,
    country,
  ].filter((line): line is string => Boolean(line));
}

function Badge({ children }: { children: ReactNode }) {
  return (
    <span className="inline-flex items-center rounded-full bg-brand-50 px-2.5 py-0.5 text-xs font-semibold text-brand-800 ring-1 ring-brand-700 ring-inset">
      {children}
    </span>
  );
}

function SetDefaultForm({
  addressId,
  kind,
  label,
}: {
  addressId: string;
  kind: "shipping" | "billing";
  label: string;
}) {
  return (
    <form action={setDefaultAddressAction}>
      <input type="hidden" name="addressId" value={addressId} />
      <input type="hidden" name="kind" value={kind} />
      <SubmitButton variant="secondary" size="sm">
        {label}
      </SubmitButton>
    </form>
  );
}

export async function AddressCard({ address }: { address: AddressView }) {
  const t = await getTranslations("account.addresses");
  const lines = await addressLines(address);
  const title = address.label ?? address.recipientName;
  const headingId = `address-${address.id}`;

  return (
    <article
      aria-labelledby={headingId}
      className="flex h-full flex-col gap-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
    >
      <div className="flex flex-col gap-2">
        <h3 id={headingId} className="font-semibold text-slate-900">
          {title}
        </h3>
        <p className="text-sm text-slate-600">{t(`types.${address.type}`)}</p>
        {address.isDefaultShipping || address.isDefaultBilling ? (
          <p className="flex flex-wrap gap-2">
            {address.isDefaultShipping ? <Badge>{t("defaultShipping")}</Badge> : null}
            {address.isDefaultBilling ? <Badge>{t("defaultBilling")}</Badge> : null}
          </p>
        ) : null}
      </div>
      <address className="text-sm leading-6 text-slate-900 not-italic">
        {lines.map((line, index) => (
          <span key={index} className="block">
            {line}
          </span>
        ))}
      </address>
      <div className="mt-auto flex flex-wrap gap-2">
        {address.isDefaultShipping ? null : (
          <SetDefaultForm addressId={address.id} kind="shipping" label={t("makeDefaultShipping")} />
        )}
        {address.isDefaultBilling || address.type !== "STREET" ? null : (
          <SetDefaultForm addressId={address.id} kind="billing" label={t("makeDefaultBilling")} />
        )}
        <Button href={`/account/addresses/${address.id}/edit`} variant="secondary" size="sm">
          {t("edit")}
          <span className="sr-only">: {title}</span>
        </Button>
        <DeleteAddressDialog addressId={address.id} name={title} />
      </div>
    </article>
  );
}
