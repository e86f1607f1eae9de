import { describe, expect, it } from "vitest";
import { AddressSchema, EMPTY_ADDRESS_INPUT, type AddressInput } from "@/lib/schemas/address";

const k = (name: string) => `validation.address.${name}`;

function parse(input: Partial<AddressInput>) {
  return AddressSchema.safeParse({ ...EMPTY_ADDRESS_INPUT, ...input });
}

function errorsOf(input: Partial<AddressInput>): Record<string, string> {
  const result = parse(input);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

const STREET: Partial<AddressInput> = {
  recipientName: "Erika Mustermann",
  street: "Heidestraße",
  houseNumber: "17a",
  postalCode: "51147",
  city: "Köln",
};

describe("address schema", () => {
  it("requires recipient, street, house number, postcode and city for a German street address", () => {
    expect(errorsOf({})).toEqual({
      recipientName: k("recipientRequired"),
      city: k("cityRequired"),
      postalCode: k("postcodeRequired"),
      street: k("streetRequired"),
      houseNumber: k("houseNumberRequired"),
    });
  });

  it("needs no separate house number outside DACH, but a state in the US", () => {
    expect(errorsOf({ ...STREET, houseNumber: "", country: "GB", postalCode: "SW1A 1AA" })).toEqual({});
    expect(errorsOf({ ...STREET, country: "US", postalCode: "10001" })).toEqual({
      region: k("regionRequired"),
    });
  });

  it("refuses a house number without a digit", () => {
    expect(errorsOf({ ...STREET, houseNumber: "ohne" })).toEqual({ houseNumber: k("houseNumberInvalid") });
  });

  it("refuses an unknown country and a text that is too long", () => {
    expect(errorsOf({ ...STREET, country: "XX" as AddressInput["country"] })).toMatchObject({
      country: k("countryRequired"),
    });
    expect(errorsOf({ ...STREET, city: "K".repeat(81) })).toEqual({ city: k("tooLong") });
  });

  it("allows Packstation and Postfiliale only in Germany and never as the billing default", () => {
    const packstation = {
      type: "PACKSTATION" as const,
      recipientName: "Erika Mustermann",
      packstationNumber: "123",
      postNumber: "12345678",
      postalCode: "1010",
      city: "Wien",
      country: "AT" as const,
      isDefaultBilling: true,
    };
    expect(errorsOf(packstation)).toEqual({
      type: k("dhlOnlyGermany"),
      isDefaultBilling: k("billingNeedsStreet"),
    });
  });

  it("stores a Packstation without the street fields and trims every value", () => {
    const result = parse({
      ...STREET,
      type: "PACKSTATION",
      recipientName: "  Erika Mustermann ",
      packstationNumber: " 123 ",
      postNumber: "1234 5678",
      postalCode: "10115",
      city: "Berlin",
      isDefaultShipping: true,
    });
    expect(result.success).toBe(true);
    expect(result.data).toMatchObject({
      type: "PACKSTATION",
      recipientName: "Erika Mustermann",
      street: null,
      houseNumber: null,
      company: null,
      packstationNumber: "123",
      postNumber: "12345678",
      postfilialeNumber: null,
      isDefaultShipping: true,
      isDefaultBilling: false,
    });
  });

  it("checks a Postfiliale's three-digit number", () => {
    const base = {
      type: "POSTFILIALE" as const,
      recipientName: "E M",
      postNumber: "123456",
      postalCode: "10115",
      city: "Berlin",
    };
    expect(errorsOf({ ...base, postfilialeNumber: "5021" })).toEqual({
      postfilialeNumber: k("postfilialeNumber"),
    });
    expect(parse({ ...base, postfilialeNumber: "502" }).data).toMatchObject({
      postfilialeNumber: "502",
      packstationNumber: null,
    });
  });
});
