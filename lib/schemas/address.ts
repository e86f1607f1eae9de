import { z } from "zod";
import type { Messages, ValidationKey } from "@/lib/i18n/messages";

// The address book's rules, shared by the form (zodResolver) and the server actions. Error
// messages are keys under `validation.address` (see useValidationMessage); the form translates.

export type AddressValidationKey = keyof Messages["validation"]["address"];
const key = (name: AddressValidationKey) => `validation.address.${name}` as const;
const generalKey = (name: ValidationKey) => `validation.${name}` as const;

export const ADDRESS_TYPES = ["STREET", "PACKSTATION", "POSTFILIALE"] as const;
export type AddressType = (typeof ADDRESS_TYPES)[number];

/** At most this many addresses per customer (docs/decisions/0011). */
export const MAX_ADDRESSES = 20;

/**
 * Countries offered in the select (ISO 3166-1 alpha-2). DACH first in the form; the rest sorted
 * by their localised name. Countries with a rule in POSTCODE_RULES get it; the others get the
 * generic rule.
 */
export const ADDRESS_COUNTRIES = [
  "DE",
  "AT",
  "CH",
  "LI",
  "LU",
  "BE",
  "NL",
  "FR",
  "IT",
  "ES",
  "PT",
  "PL",
  "CZ",
  "DK",
  "SE",
  "NO",
  "IE",
  "GB",
  "US",
] as const;
export type AddressCountry = (typeof ADDRESS_COUNTRIES)[number];
export const PINNED_COUNTRIES: readonly AddressCountry[] = ["DE", "AT", "CH"];

/** Countries whose street addresses always carry a separate house number. */
const HOUSE_NUMBER_REQUIRED: readonly AddressCountry[] = ["DE", "AT", "CH", "LI"];
/** Countries whose addresses need a region (state). */
const REGION_REQUIRED: readonly AddressCountry[] = ["US"];

export function isHouseNumberRequired(country: string): boolean {
  return (HOUSE_NUMBER_REQUIRED as readonly string[]).includes(country);
}

export function isRegionRequired(country: string): boolean {
  return (REGION_REQUIRED as readonly string[]).includes(country);
}

type PostcodeRule = {
  pattern: RegExp;
  message: AddressValidationKey;
  /** Applied after trimming, upper-casing and collapsing spaces, before the pattern. */
  normalize?: (value: string) => string;
};

export const POSTCODE_RULES: Partial<Record<AddressCountry, PostcodeRule>> = {
  DE: { pattern: /^\d{5}$/, message: "postcodeDE" },
  AT: { pattern: /^\d{4}$/, message: "postcodeAT" },
  CH: { pattern: /^\d{4}$/, message: "postcodeCH" },
  LI: { pattern: /^94(8[5-9]|9[0-8])$/, message: "postcodeLI" },
  LU: { pattern: /^\d{4}$/, message: "postcodeLU", normalize: (v) => v.replace(/^L ?- ?/, "") },
  BE: { pattern: /^[1-9]\d{3}$/, message: "postcodeBE" },
  NL: {
    pattern: /^[1-9]\d{3} [A-Z]{2}$/,
    message: "postcodeNL",
    normalize: (v) => v.replace(/^(\d{4}) ?([A-Z]{2})$/, "$1 $2"),
  },
  FR: { pattern: /^\d{5}$/, message: "postcodeFR" },
  IT: { pattern: /^\d{5}$/, message: "postcodeIT" },
  ES: { pattern: /^(0[1-9]|[1-4]\d|5[0-2])\d{3}$/, message: "postcodeES" },
  PL: {
    pattern: /^\d{2}-\d{3}$/,
    message: "postcodePL",
    normalize: (v) => v.replace(/^(\d{2})(\d{3})$/, "$1-$2"),
  },
  DK: { pattern: /^\d{4}$/, message: "postcodeDK" },
  GB: {
    pattern: /^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$/,
    message: "postcodeGB",
    normalize: (v) => v.replace(/^([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})$/, "$1 $2"),
  },
  US: { pattern: /^\d{5}(-\d{4})?$/, message: "postcodeUS" },
};

/** Any country without its own rule: 2–10 letters, digits, spaces or hyphens. */
const GENERIC_POSTCODE = /^[A-Z0-9](?:[A-Z0-9 -]{0,8})[A-Z0-9]$/;

export const PACKSTATION_NUMBER = /^\d{3}$/;
export const POSTFILIALE_NUMBER = /^\d{3}$/;
/** DHL Postnummer (customer number for Packstation and Postfiliale). */
export const POST_NUMBER = /^\d{6,10}$/;

export type PostcodeCheck = { ok: true; value: string } | { ok: false; message: AddressValidationKey };

/** Normalises and checks a postcode for a country: `" 1012ab "` in NL gives `"1012 AB"`. */
export function checkPostcode(country: string, raw: string): PostcodeCheck {
  const cleaned = raw.trim().toUpperCase().replace(/\s+/g, " ");
  if (!cleaned) return { ok: false, message: "postcodeRequired" };
  const rule = POSTCODE_RULES[country as AddressCountry];
  if (!rule)
    return GENERIC_POSTCODE.test(cleaned)
      ? { ok: true, value: cleaned }
      : { ok: false, message: "postcodeGeneric" };
  const value = rule.normalize ? rule.normalize(cleaned) : cleaned;
  return rule.pattern.test(value) ? { ok: true, value } : { ok: false, message: rule.message };
}

const text = (max: number) => z.string(generalKey("invalid")).trim().max(max, key("tooLong"));
const digits = (value: string) => value.replace(/\s+/g, "");

const AddressFieldsSchema = z.object({
  type: z.enum(ADDRESS_TYPES, key("typeRequired")),
  label: text(40),
  recipientName: text(100),
  company: text(100),
  street: text(100),
  houseNumber: text(15),
  addition: text(100),
  postalCode: text(16),
  city: text(80),
  region: text(80),
  country: z.enum(ADDRESS_COUNTRIES, key("countryRequired")),
  packstationNumber: text(16),
  postNumber: text(16),
  postfilialeNumber: text(16),
  isDefaultShipping: z.boolean(generalKey("invalid")),
  isDefaultBilling: z.boolean(generalKey("invalid")),
});

/**
 * One flat object for all three address types, so react-hook-form keeps every field's value
 * while the customer switches type. The rules for the chosen type and country run in the
 * refinement; the output keeps only the fields that belong to the type (null for the rest).
 */
export const AddressSchema = AddressFieldsSchema.superRefine((a, ctx) => {
  const fail = (path: keyof typeof a, message: AddressValidationKey) =>
    ctx.addIssue({ code: "custom", path: [path], message: key(message) });

  if (!a.recipientName) fail("recipientName", "recipientRequired");
  if (!a.city) fail("city", "cityRequired");
  const postcode = checkPostcode(a.country, a.postalCode);
  if (!postcode.ok) fail("postalCode", postcode.message);

  if (a.type === "STREET") {
    if (!a.street) fail("street", "streetRequired");
    if (isHouseNumberRequired(a.country) && !a.houseNumber) fail("houseNumber", "houseNumberRequired");
    else if (a.houseNumber && !/\d/.test(a.houseNumber)) fail("houseNumber", "houseNumberInvalid");
    if (isRegionRequired(a.country) && !a.region) fail("region", "regionRequired");
    return;
  }
  // DHL Packstation and Postfiliale exist in Germany only and never receive invoices.
  if (a.country !== "DE") fail("type", "dhlOnlyGermany");
  if (a.isDefaultBilling) fail("isDefaultBilling", "billingNeedsStreet");
  if (!POST_NUMBER.test(digits(a.postNumber))) fail("postNumber", "postNumber");
  if (a.type === "PACKSTATION" && !PACKSTATION_NUMBER.test(digits(a.packstationNumber)))
    fail("packstationNumber", "packstationNumber");
  if (a.type === "POSTFILIALE" && !POSTFILIALE_NUMBER.test(digits(a.postfilialeNumber)))
    fail("postfilialeNumber", "postfilialeNumber");
}).transform((a) => {
  const orNull = (value: string) => (value ? value : null);
  const isStreet = a.type === "STREET";
  const postcode = checkPostcode(a.country, a.postalCode);
  return {
    type: a.type,
    label: orNull(a.label),
    recipientName: a.recipientName,
    company: isStreet ? orNull(a.company) : null,
    street: isStreet ? orNull(a.street) : null,
    houseNumber: isStreet ? orNull(a.houseNumber) : null,
    addition: isStreet ? orNull(a.addition) : null,
    postalCode: postcode.ok ? postcode.value : a.postalCode,
    city: a.city,
    region: isStreet ? orNull(a.region) : null,
    country: a.country,
    packstationNumber: a.type === "PACKSTATION" ? digits(a.packstationNumber) : null,
    postfilialeNumber: a.type === "POSTFILIALE" ? digits(a.postfilialeNumber) : null,
    postNumber: isStreet ? null : digits(a.postNumber),
    isDefaultShipping: a.isDefaultShipping,
    isDefaultBilling: isStreet && a.isDefaultBilling,
  };
});

/** What the form holds and sends (every field a string, so nothing typed is ever dropped). */
export type AddressInput = z.input<typeof AddressSchema>;
/** What the domain stores: fields of other address types are null. */
export type Address = z.output<typeof AddressSchema>;

export const EMPTY_ADDRESS_INPUT: AddressInput = {
  type: "STREET",
  label: "",
  recipientName: "",
  company: "",
  street: "",
  houseNumber: "",
  addition: "",
  postalCode: "",
  city: "",
  region: "",
  country: "DE",
  packstationNumber: "",
  postNumber: "",
  postfilialeNumber: "",
  isDefaultShipping: false,
  isDefaultBilling: false,
};

export const AddressIdSchema = z.object({ addressId: z.string().min(1).max(64) });

export const DEFAULT_KINDS = ["shipping", "billing"] as const;
export type DefaultKind = (typeof DEFAULT_KINDS)[number];
export const SetDefaultAddressSchema = AddressIdSchema.extend({ kind: z.enum(DEFAULT_KINDS) });
