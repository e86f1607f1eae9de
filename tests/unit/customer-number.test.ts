import { describe, expect, it } from "vitest";
import {
  checkDigit,
  customerNumberDigits,
  formatCustomerNumber,
  generateCustomerNumber,
  isValidCustomerNumber,
} from "@/lib/schemas/customer-number";
import { searchPrefix } from "@/lib/server/support/search";

describe("customer number (decision 0043)", () => {
  it("computes the check digit with weights 3,1,3,… as the migration's backfill does", () => {
    // 3·1 + 3·1 = 6 → 4; the backfill's first number is 1000000014.
    expect(checkDigit("100000001")).toBe("4");
    expect(checkDigit("123456789")).toBe("5");
  });

  it("generates ten digits that pass their own check and do not start with 0", () => {
    for (let i = 0; i < 200; i++) {
      const n = generateCustomerNumber();
      expect(n).toMatch(/^[1-9]\d{9}$/);
      expect(isValidCustomerNumber(n)).toBe(true);
    }
  });

  it("catches a mistyped digit and swapped neighbours", () => {
    expect(isValidCustomerNumber("1234567895")).toBe(true);
    expect(isValidCustomerNumber("1234567805")).toBe(false);
    expect(isValidCustomerNumber("1234567985")).toBe(false);
    expect(isValidCustomerNumber("0234567895")).toBe(false);
  });

  it("is shown as K-…-… and read back from what an agent types", () => {
    expect(formatCustomerNumber("1234567895")).toBe("K-123456789-5");
    expect(customerNumberDigits("K-123456789-5")).toBe("1234567895");
    expect(customerNumberDigits(" k 123 456 ")).toBe("123456");
    expect(searchPrefix("number", "K-1")).toBeNull();
    expect(searchPrefix("number", "k-12")).toBe("12");
  });
});
