import { describe, expect, it } from "vitest";
import { formatPhoneForDisplay } from "@/lib/schemas/phone";
import { ProfileSchema, type ProfileInput } from "@/lib/schemas/profile";
import { isCalendarDate } from "@/lib/schemas/profile-fields";

const k = (name: string) => `validation.profile.${name}`;
const EMPTY: ProfileInput = { firstName: "", lastName: "", dateOfBirth: "", phone: "", locale: "de" };

function errorsOf(input: Partial<ProfileInput>): Record<string, string> {
  const result = ProfileSchema.safeParse({ ...EMPTY, ...input });
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("profile schema", () => {
  it("accepts an empty profile: every field is optional", () => {
    expect(ProfileSchema.parse(EMPTY)).toEqual(EMPTY);
  });

  it("normalises names and phone numbers (German numbers without a country code)", () => {
    expect(
      ProfileSchema.parse({
        ...EMPTY,
        firstName: "  Anna-Lena  ",
        lastName: "O’Neill  de  Vries",
        phone: "0151 2345 6789",
      }),
    ).toMatchObject({ firstName: "Anna-Lena", lastName: "O’Neill de Vries", phone: "+4915123456789" });
    expect(ProfileSchema.parse({ ...EMPTY, phone: "+43 664 1234567" }).phone).toBe("+436641234567");
    expect(ProfileSchema.parse({ ...EMPTY, phone: "+41 44 668 18 00" }).phone).toBe("+41446681800");
  });

  it.each([
    [{ firstName: "R2D2" }, "firstName", "nameInvalid"],
    [{ lastName: "-Meier" }, "lastName", "nameInvalid"],
    [{ lastName: "M".repeat(61) }, "lastName", "nameTooLong"],
    [{ dateOfBirth: "1990-02-30" }, "dateOfBirth", "dateOfBirthInvalid"],
    [{ dateOfBirth: "24.12.1990" }, "dateOfBirth", "dateOfBirthInvalid"],
    [{ dateOfBirth: "1899-12-31" }, "dateOfBirth", "dateOfBirthTooEarly"],
    [{ dateOfBirth: "2999-01-01" }, "dateOfBirth", "dateOfBirthFuture"],
    [{ phone: "12345" }, "phone", "phoneInvalid"],
    [{ phone: "0151 234" }, "phone", "phoneInvalid"],
    [{ phone: "+49 151 2345 6789 0000 0000 0000 00" }, "phone", "phoneInvalid"],
    [{ locale: "fr" as ProfileInput["locale"] }, "locale", "localeInvalid"],
  ])("refuses %j on %s with %s", (input, field, message) => {
    expect(errorsOf(input)).toEqual({ [field]: k(message) });
  });

  it("knows real calendar days", () => {
    expect(isCalendarDate("2000-02-29")).toBe(true);
    expect(isCalendarDate("1900-02-29")).toBe(false);
    expect(isCalendarDate("2024-13-01")).toBe(false);
  });

  it("shows a stored number in the international format", () => {
    expect(formatPhoneForDisplay("+4915123456789")).toBe("+49 1512 3456789");
    expect(formatPhoneForDisplay("+41446681800")).toBe("+41 44 668 18 00");
    expect(formatPhoneForDisplay(null)).toBe("");
  });
});
