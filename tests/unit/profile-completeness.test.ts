import { describe, expect, it } from "vitest";
import { computeCompleteness } from "@/lib/server/profile/completeness";
import { maskPhone } from "@/lib/server/profile/profile";

const NOTHING = { firstName: null, lastName: null, dateOfBirth: null, phoneE164: null, addressCount: 0 };

describe("profile completeness", () => {
  it.each([
    [NOTHING, 0, "name"],
    [{ ...NOTHING, firstName: "Erika" }, 0, "name"],
    [{ ...NOTHING, firstName: "Erika", lastName: "Mustermann" }, 25, "dateOfBirth"],
    [{ ...NOTHING, firstName: "Erika", lastName: "Mustermann", dateOfBirth: "1990-01-01" }, 50, "phone"],
    [{ ...NOTHING, phoneE164: "+4915123456789", addressCount: 2 }, 50, "name"],
    [
      {
        firstName: "Erika",
        lastName: "Mustermann",
        dateOfBirth: "1990-01-01",
        phoneE164: "+49151",
        addressCount: 0,
      },
      75,
      "address",
    ],
    [
      {
        firstName: "Erika",
        lastName: "Mustermann",
        dateOfBirth: "1990-01-01",
        phoneE164: "+49151",
        addressCount: 1,
      },
      100,
      null,
    ],
  ])("%j is %i %% complete, next: %s", (input, percent, nextStep) => {
    const result = computeCompleteness(input);
    expect(result.percent).toBe(percent);
    expect(result.nextStep).toBe(nextStep);
    expect(result.items.filter((i) => i.isDone)).toHaveLength(percent / 25);
  });
});

describe("phone masking for the audit log", () => {
  it("keeps the country code and the last two digits only", () => {
    expect(maskPhone("+4915123456789")).toBe("+49 •••• 89");
    expect(maskPhone("+436641234567")).toBe("+43 •••• 67");
    expect(maskPhone(null)).toBeNull();
  });
});
