import { z } from "zod";
import type { Messages } from "@/lib/i18n/messages";

// The name and birthday rules of the profile form (lib/schemas/profile.ts), in a module of their
// own so that a client form asking only for these does not pull in the phone-number metadata
// (lib/schemas/phone.ts; docs/decisions/0070). An empty string means "not given".

export type ProfileValidationKey = keyof Messages["validation"]["profile"];
export const profileKey = (name: ProfileValidationKey) => `validation.profile.${name}` as const;

export const NAME_MAX_LENGTH = 60;
/** Letters (any script, with combining marks), then letters, spaces, hyphens, full stops, apostrophes. */
const NAME_PATTERN = /^[\p{L}\p{M}][\p{L}\p{M} .'’-]*$/u;
const EARLIEST_DATE_OF_BIRTH = "1900-01-01";

export const NameSchema = z
  .string(profileKey("nameInvalid"))
  .trim()
  .transform((value) => value.replace(/\s+/g, " "))
  .pipe(
    z
      .string()
      .max(NAME_MAX_LENGTH, { error: profileKey("nameTooLong"), abort: true })
      .refine((value) => value === "" || NAME_PATTERN.test(value), profileKey("nameInvalid")),
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

export const DateOfBirthSchema = z
  .string(profileKey("dateOfBirthInvalid"))
  .trim()
  .superRefine((value, ctx) => {
    if (value === "") return;
    const fail = (message: ProfileValidationKey) =>
      ctx.addIssue({ code: "custom", message: profileKey(message) });
    if (!isCalendarDate(value)) fail("dateOfBirthInvalid");
    else if (value < EARLIEST_DATE_OF_BIRTH) fail("dateOfBirthTooEarly");
    else if (value > today()) fail("dateOfBirthFuture");
  });
