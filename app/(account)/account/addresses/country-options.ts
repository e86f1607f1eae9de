import "server-only";
import type { SelectOption } from "@/components/forms/select-field";
import { ADDRESS_COUNTRIES, PINNED_COUNTRIES } from "@/lib/schemas/address";

/** Localised country names for the select (CLDR via Intl): DACH first, then alphabetical. */
export function countryOptions(locale: string): SelectOption[] {
  const names = new Intl.DisplayNames([locale], { type: "region" });
  const collator = new Intl.Collator(locale);
  const option = (code: string) => ({ value: code, label: names.of(code) ?? code });
  const rest = ADDRESS_COUNTRIES.filter((c) => !PINNED_COUNTRIES.includes(c))
    .map(option)
    .sort((a, b) => collator.compare(a.label, b.label));
  return [...PINNED_COUNTRIES.map(option), ...rest];
}

export function countryName(locale: string, code: string): string {
  return new Intl.DisplayNames([locale], { type: "region" }).of(code) ?? code;
}
