import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { z } from "zod";
import { locales } from "@/lib/i18n/config";
import type { Messages } from "@/lib/i18n/messages";

// Personal data, shared by the profile form and its server action. Every field is optional:
// an empty string means "not given" and clears a stored value.

export type ProfileValidationKey = keyof Messages["validation"]["profile"];
const key = (name: ProfileValidationKey) => `validation.profile.${name}` as const;

export const NAME_MAX_LENGTH = 60;
/** Letters (any script, with combining marks), then letters, spaces, hyphens, full stops, apostrophes. */
const NAME_PATTERN = /^[\p{L}\p{M}][\p{L}\p{M} .'’-]*$/u;
const EARLIEST_DATE_OF_BIRTH = "1900-01-01";
// Phone numbers are checked against the full ("max") metadata: the default "min" set accepts
// any German digit string of plausible length, e.g. "12345".
/** Numbers typed without a country code are read as German ones (the portal serves DACH first). */
export const DEFAULT_PHONE_COUNTRY = "DE";

const NameSchema = z
  .string(key("nameInvalid"))
  .trim()
  .transform((value) => value.replace(/\s+/g, " "))
  .pipe(
    z
      .string()
      .max(NAME_MAX_LENGTH, { error: key("nameTooLong"), abort: true })
      .refine((value) => value === "" || NAME_PATTERN.test(value), key("nameInvalid")),
  );

/** "YYYY-MM-DD" of a real calendar day, as the date input sends it. */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Today as "YYYY-MM-DD" (UTC; a day's difference at midnight does not matter for a birthday). */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

const DateOfBirthSchema = z
  .string(key("dateOfBirthInvalid"))
  .trim()
  .superRefine((value, ctx) => {
    if (value === "") return;
    const fail = (message: ProfileValidationKey) => ctx.addIssue({ code: "custom", message: key(message) });
    if (!isCalendarDate(value)) fail("dateOfBirthInvalid");
    else if (value < EARLIEST_DATE_OF_BIRTH) fail("dateOfBirthTooEarly");
    else if (value > today()) fail("dateOfBirthFuture");
  });

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

const PhoneSchema = z.string(key("phoneInvalid")).transform((value, ctx) => {
  const e164 = toE164(value);
  if (e164 === null) {
    ctx.addIssue({ code: "custom", message: key("phoneInvalid") });
    return z.NEVER;
  }
  return e164;
});

export const ProfileSchema = z.object({
  firstName: NameSchema,
  lastName: NameSchema,
  dateOfBirth: DateOfBirthSchema,
  phone: PhoneSchema,
  locale: z.enum(locales, key("localeInvalid")),
});

/** What the form holds and sends. */
export type ProfileInput = z.input<typeof ProfileSchema>;
/** Normalised: names with single spaces, phone in E.164, "" for "not given". */
export type Profile = z.output<typeof ProfileSchema>;
