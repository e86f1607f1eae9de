import { describe, expect, it } from "vitest";
import {
  isValidCreditorIdentifier,
  normaliseCreditorIdentifier,
  TEST_CREDITOR_IDENTIFIER,
} from "@/lib/config/sepa-creditor";

describe("SEPA creditor identifier", () => {
  it.each([
    [TEST_CREDITOR_IDENTIFIER, true],
    ["de98 zzz0 9999 9999 99", true], // as people type it
    ["DE98ABC09999999999", true], // the business code is not part of the check
    ["BE69ZZZ050D000000008", true], // examples of other countries' formats
    ["ES59ZZZX1234567L", true],
    ["IT66ZZZA1B2C3D4E5F6G7H8", true],
    ["DE97ZZZ09999999999", false], // wrong check digits
    ["DE98ZZZ09999999998", false], // one digit of the national identifier changed
    ["DE98ZZZ", false],
    ["9898ZZZ09999999999", false],
    ["", false],
  ])("%s → %s", (value, valid) => {
    expect(isValidCreditorIdentifier(value)).toBe(valid);
  });

  it("normalises spaces and case", () => {
    expect(normaliseCreditorIdentifier(" de98 zzz09999999999 ")).toBe(TEST_CREDITOR_IDENTIFIER);
  });
});
