import { describe, expect, it } from "vitest";
import {
  AddressSchema,
  checkPostcode,
  EMPTY_ADDRESS_INPUT,
  PACKSTATION_NUMBER,
  POST_NUMBER,
  POSTFILIALE_NUMBER,
  type AddressInput,
} from "@/lib/schemas/address";

describe("postcode rules per country", () => {
  it.each([
    // country, typed, stored
    ["DE", "10115", "10115"],
    ["DE", " 01067 ", "01067"],
    ["AT", "1010", "1010"],
    ["CH", "8001", "8001"],
    ["LI", "9490", "9490"],
    ["LU", "L-1111", "1111"],
    ["LU", "1111", "1111"],
    ["BE", "1000", "1000"],
    ["NL", "1012ab", "1012 AB"],
    ["NL", "1012  AB", "1012 AB"],
    ["FR", "75001", "75001"],
    ["IT", "00184", "00184"],
    ["ES", "28001", "28001"],
    ["PL", "00-950", "00-950"],
    ["PL", "00950", "00-950"],
    ["DK", "1050", "1050"],
    ["GB", "sw1a1aa", "SW1A 1AA"],
    ["GB", "M1 1AE", "M1 1AE"],
    ["US", "10001", "10001"],
    ["US", "10001-1234", "10001-1234"],
    // generic rule: countries without their own pattern
    ["PT", "1000-001", "1000-001"],
    ["CZ", "110 00", "110 00"],
    ["SE", "114 55", "114 55"],
    ["IE", "a65 f4e2", "A65 F4E2"],
  ])("%s accepts %j as %j", (country, typed, stored) => {
    expect(checkPostcode(country, typed)).toEqual({ ok: true, value: stored });
  });

  it.each([
    ["DE", "1011", "postcodeDE"],
    ["DE", "101155", "postcodeDE"],
    ["DE", "1O115", "postcodeDE"],
    ["AT", "10100", "postcodeAT"],
    ["AT", "101", "postcodeAT"],
    ["CH", "80011", "postcodeCH"],
    ["CH", "800", "postcodeCH"],
    ["LI", "9500", "postcodeLI"],
    ["BE", "0999", "postcodeBE"],
    ["NL", "0123 AB", "postcodeNL"],
    ["NL", "1012", "postcodeNL"],
    ["ES", "53001", "postcodeES"],
    ["PL", "0-950", "postcodePL"],
    ["GB", "12345", "postcodeGB"],
    ["US", "1000", "postcodeUS"],
    ["PT", "X", "postcodeGeneric"],
    ["PT", "12345678901", "postcodeGeneric"],
    ["SE", "114_55", "postcodeGeneric"],
    ["DE", "", "postcodeRequired"],
    ["DE", "   ", "postcodeRequired"],
  ])("%s refuses %j with %s", (country, typed, message) => {
    expect(checkPostcode(country, typed)).toEqual({ ok: false, message });
  });
});

describe("DHL numbers", () => {
  it.each([
    [PACKSTATION_NUMBER, "123", true],
    [PACKSTATION_NUMBER, "12", false],
    [PACKSTATION_NUMBER, "1234", false],
    [POSTFILIALE_NUMBER, "502", true],
    [POSTFILIALE_NUMBER, "50a", false],
    [POST_NUMBER, "123456", true],
    [POST_NUMBER, "1234567890", true],
    [POST_NUMBER, "12345", false],
    [POST_NUMBER, "12345678901", false],
    [POST_NUMBER, "12345a", false],
  ])("%s on %j is %s", (pattern, value, expected) => {
    expect(pattern.test(value)).toBe(expected);
  });
});

function fieldErrors(input: Partial<AddressInput>): Record<string, string[]> {
  const result = AddressSchema.safeParse({ ...EMPTY_ADDRESS_INPUT, ...input });
  if (result.success) return {};
  const errors: Record<string, string[]> = {};
  for (const issue of result.error.issues) (errors[issue.path.join(".")] ??= []).push(issue.message);
  return errors;
}

describe("postcodes inside the address schema", () => {
  const street = {
    recipientName: "Erika Mustermann",
    street: "Hauptstraße",
    houseNumber: "1",
    city: "Berlin",
  };

  it("refuses a German postcode with 4 digits on the postcode field only", () => {
    expect(fieldErrors({ ...street, postalCode: "1011" })).toEqual({
      postalCode: ["validation.address.postcodeDE"],
    });
  });

  it("accepts the same 4 digits for Austria and Switzerland", () => {
    expect(fieldErrors({ ...street, postalCode: "1010", country: "AT", city: "Wien" })).toEqual({});
    expect(fieldErrors({ ...street, postalCode: "8001", country: "CH", city: "Zürich" })).toEqual({});
  });

  it("checks a Packstation's postcode, Packstation number and Postnummer", () => {
    expect(
      fieldErrors({
        type: "PACKSTATION",
        recipientName: "Erika Mustermann",
        postalCode: "1011",
        city: "Berlin",
        packstationNumber: "12",
        postNumber: "12345",
      }),
    ).toEqual({
      postalCode: ["validation.address.postcodeDE"],
      packstationNumber: ["validation.address.packstationNumber"],
      postNumber: ["validation.address.postNumber"],
    });
  });
});
