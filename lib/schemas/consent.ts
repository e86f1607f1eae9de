import { z } from "zod";
import type { Messages } from "@/lib/i18n/messages";

// Shared by the consent centre, the re-consent prompt, the admin's publish form and their server
// actions; messages are keys of `validation.consent`.
type ConsentValidationKey = keyof Messages["validation"]["consent"];
const key = (name: ConsentValidationKey) => `validation.consent.${name}` as const;

export const CONSENT_TITLE_MAX_LENGTH = 120;
export const CONSENT_TEXT_MAX_LENGTH = 5000;
export const CONSENT_CHANGE_NOTE_MAX_LENGTH = 500;

/** A purpose key as stored (e.g. "marketing_email"); the server looks it up, never trusts it. */
export const ConsentPurposeKeySchema = z
  .string(key("purposeKey"))
  .regex(/^[a-z][a-z0-9_]{1,63}$/, key("purposeKey"));

/** The version whose text the customer was shown; a grant for an outdated text is refused. */
const ShownVersionSchema = z.number(key("version")).int(key("version")).positive(key("version"));

/** "Zustimmen" / "Widerrufen" in the consent centre. */
export const ConsentChoiceSchema = z.object({
  purposeKey: ConsentPurposeKeySchema,
  version: ShownVersionSchema,
  decision: z.enum(["grant", "withdraw"], key("decision")),
});
export type ConsentChoiceInput = z.input<typeof ConsentChoiceSchema>;

/** "Zustimmen" / "Ablehnen" in the re-consent prompt after a material change. */
export const ReConsentAnswerSchema = z.object({
  purposeKey: ConsentPurposeKeySchema,
  version: ShownVersionSchema,
  answer: z.enum(["accept", "decline"], key("decision")),
});
export type ReConsentAnswerInput = z.input<typeof ReConsentAnswerSchema>;

const title = z
  .string(key("titleRequired"))
  .trim()
  .min(1, { error: key("titleRequired"), abort: true })
  .max(CONSENT_TITLE_MAX_LENGTH, key("titleTooLong"));
const body = z
  .string(key("textRequired"))
  .trim()
  .min(1, { error: key("textRequired"), abort: true })
  .max(CONSENT_TEXT_MAX_LENGTH, key("textTooLong"));

/** The admin's "Neue Version veröffentlichen" form: both languages, material yes/no, a note. */
export const PublishConsentVersionSchema = z.object({
  purposeKey: ConsentPurposeKeySchema,
  /** The version the admin's texts started from: publishing on top of a newer one is refused. */
  basedOnVersion: ShownVersionSchema,
  titleDe: title,
  bodyDe: body,
  titleEn: title,
  bodyEn: body,
  /** Radio values; deliberately no default, so the admin has to decide. */
  isMaterial: z.enum(["yes", "no"], key("materialRequired")),
  changeNote: z
    .string(key("changeNoteRequired"))
    .trim()
    .min(1, { error: key("changeNoteRequired"), abort: true })
    .max(CONSENT_CHANGE_NOTE_MAX_LENGTH, key("changeNoteTooLong")),
});
export type PublishConsentVersionInput = z.input<typeof PublishConsentVersionSchema>;
export type PublishConsentVersion = z.output<typeof PublishConsentVersionSchema>;
