import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { z } from "zod";
import { profileKey } from "./profile-fields";

// The phone rules of the profile form and the phone question. Kept apart from the name and
// birthday rules (profile-fields.ts): the "max" metadata is about 50 kB gzip in the browser
// (docs/decisions/0070), so only forms that ask for a phone number should import this module.

// Phone numbers are checked against the full ("max") metadata: the default "min" set accepts
// any German digit string of plausible length, e.g. "12345".
/** Numbers typed without a country code are read as German ones (the portal serves DACH first). */
export const DEFAULT_PHONE_COUNTRY = "DE";

/** A phone number as typed ("0151 2345 6789", "+43 664 …") to E.164 ("+4915123456789"), or "". */
export function toE164(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === "") return "";
  if (trimmed.length > 30) return null;
  const phone = parsePhoneNumberFromString(trimmed, DEFAULT_PHONE_COUNTRY);
  return phone?.isValid() ? phone.number : null;
}

/** E.164 back to the readable international form for the form field ("+49 151 23456789"). */
export function formatPhoneForDisplay(e164: string | null): string {
  if (!e164) return "";
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

/** Optional: "" means "not given"; otherwise normalised to E.164. */
export const PhoneSchema = z.string(profileKey("phoneInvalid")).transform((value, ctx) => {
  const e164 = toE164(value);
  if (e164 === null) {
    ctx.addIssue({ code: "custom", message: profileKey("phoneInvalid") });
    return z.NEVER;
  }
  return e164;
});
