import { z } from "zod";
import { locales } from "@/lib/i18n/config";
import { PhoneSchema } from "./phone";
import { DateOfBirthSchema, NameSchema, profileKey } from "./profile-fields";

// Personal data, shared by the profile form and its server action. Every field is optional:
// an empty string means "not given" and clears a stored value. The field rules live in
// profile-fields.ts (name, birthday) and phone.ts (phone, with the phone-number metadata).

export const ProfileSchema = z.object({
  firstName: NameSchema,
  lastName: NameSchema,
  dateOfBirth: DateOfBirthSchema,
  phone: PhoneSchema,
  locale: z.enum(locales, profileKey("localeInvalid")),
});

/** What the form holds and sends. */
export type ProfileInput = z.input<typeof ProfileSchema>;
/** Normalised: names with single spaces, phone in E.164, "" for "not given". */
export type Profile = z.output<typeof ProfileSchema>;
