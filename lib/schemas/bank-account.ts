import {
  electronicFormatIBAN,
  isSEPACountry,
  isValidBIC,
  validateIBAN,
  ValidationErrorsIBAN,
} from "ibantools";
import { z } from "zod";
import type { ValidationKey } from "@/lib/i18n/messages";

// Bank details (docs/decisions/0012), shared by the payment forms and the server actions. IBAN checks come
// from ibantools (ISO 13616 mod-97 check digits, per-country length and BBAN format from the SWIFT
// registry); error messages are keys of the `validation.bankAccount` namespace.

type BankAccountKey = ValidationKey extends infer K
  ? K extends `bankAccount.${infer N}`
    ? N
    : never
  : never;
const key = (name: BankAccountKey) => `validation.bankAccount.${name}` as const;

/** SEPA's limit for the debtor name in a mandate and in pain.008 files. */
export const HOLDER_NAME_MAX_LENGTH = 70;
/** The hex SHA-256 of the mandate text the customer saw (ConsentPurposeText.textHash). */
const TEXT_HASH = /^[0-9a-f]{64}$/;

export type IbanProblem = "required" | "country" | "length" | "format" | "checksum";

export type IbanCheck =
  { ok: true; iban: string; country: string; isSepa: boolean } | { ok: false; problem: IbanProblem };

/** "de89 3704 0044-0532 0130 00" → "DE89370400440532013000" (spaces, dashes and case are forgiven). */
export function normalizeIban(input: string): string {
  return electronicFormatIBAN(input) ?? "";
}

/** Validates an IBAN in any spelling and names the first problem a person can act on. */
export function checkIban(input: string): IbanCheck {
  const iban = normalizeIban(input);
  if (!iban) return { ok: false, problem: "required" };
  const { valid, errorCodes } = validateIBAN(iban);
  if (valid) return { ok: true, iban, country: iban.slice(0, 2), isSepa: isSEPACountry(iban.slice(0, 2)) };
  const has = (code: ValidationErrorsIBAN) => errorCodes.includes(code);
  if (has(ValidationErrorsIBAN.NoIBANProvided)) return { ok: false, problem: "required" };
  if (has(ValidationErrorsIBAN.NoIBANCountry)) return { ok: false, problem: "country" };
  if (has(ValidationErrorsIBAN.WrongBBANLength)) return { ok: false, problem: "length" };
  if (has(ValidationErrorsIBAN.WrongBBANFormat) || has(ValidationErrorsIBAN.ChecksumNotNumber))
    return { ok: false, problem: "format" };
  // Mod-97 check digits, or a national account check digit the registry defines (e.g. BE, ES, FR).
  return { ok: false, problem: "checksum" };
}

/** "DE89370400440532013000" → "DE89 3704 0044 0532 0130 00". */
export function formatIban(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, "$1 ");
}

// Territories whose banks have their own BIC country code but use the IBAN of the "parent"
// country (SWIFT IBAN registry, "IBAN country code" vs. "BIC country code" notes).
const BIC_COUNTRIES_BY_IBAN_COUNTRY: Record<string, readonly string[]> = {
  GB: ["GB", "GG", "JE", "IM"],
  FR: ["FR", "GF", "GP", "MQ", "RE", "YT", "PM", "BL", "MF"],
  FI: ["FI", "AX"],
};

/** Whether a BIC's country (characters 5–6) fits the IBAN's country. */
export function bicMatchesIbanCountry(bic: string, ibanCountry: string): boolean {
  const bicCountry = bic.slice(4, 6);
  return (BIC_COUNTRIES_BY_IBAN_COUNTRY[ibanCountry] ?? [ibanCountry]).includes(bicCountry);
}

const IBAN_PROBLEM_KEYS: Record<IbanProblem, string> = {
  required: key("ibanRequired"),
  country: key("ibanCountry"),
  length: key("ibanLength"),
  format: key("ibanFormat"),
  checksum: key("ibanChecksum"),
};

function sepaIban(allowEmpty: boolean) {
  return (value: string, ctx: z.RefinementCtx): string => {
    if (allowEmpty && value.trim() === "") return "";
    const result = checkIban(value);
    if (!result.ok) {
      ctx.addIssue({ code: "custom", message: IBAN_PROBLEM_KEYS[result.problem] });
      return z.NEVER;
    }
    if (!result.isSepa) {
      // Direct debits (the purpose of these details) exist only in the SEPA area.
      ctx.addIssue({ code: "custom", message: key("ibanNotSepa") });
      return z.NEVER;
    }
    return result.iban;
  };
}

/** A SEPA IBAN in any spelling; the output is the electronic format (no spaces, upper case). */
export const IbanSchema = z.string(key("ibanRequired")).transform(sepaIban(false));

/** Optional; "" when not given. Upper case without spaces; 8 or 11 characters. */
export const BicSchema = z
  .string(key("bicFormat"))
  .transform((v) => v.replace(/\s+/g, "").toUpperCase())
  .refine((v) => v === "" || isValidBIC(v), key("bicFormat"));

export const HolderNameSchema = z
  .string(key("holderRequired"))
  .trim()
  .min(1, { error: key("holderRequired"), abort: true })
  .max(HOLDER_NAME_MAX_LENGTH, { error: key("holderTooLong"), abort: true })
  // Letters of any script plus what company names use; no control or markup characters.
  .regex(/^[\p{L}\p{M}0-9 .,'&/+()-]+$/u, key("holderInvalid"));

const MandateFields = {
  /** The customer ticked "I grant the SEPA direct-debit mandate" under the mandate text. */
  grantMandate: z.boolean(key("mandateInvalid")),
  /** Hash of the mandate text shown with the form, so a text changed meanwhile is not signed unseen. */
  mandateTextHash: z.string().regex(TEXT_HASH, key("mandateInvalid")).optional(),
};

function checkBicCountry(value: { iban: string; bic: string }, ctx: z.RefinementCtx) {
  if (value.iban && value.bic && !bicMatchesIbanCountry(value.bic, value.iban.slice(0, 2)))
    ctx.addIssue({ code: "custom", path: ["bic"], message: key("bicCountry") });
}

export const AddBankAccountSchema = z
  .object({ holderName: HolderNameSchema, iban: IbanSchema, bic: BicSchema, ...MandateFields })
  .superRefine(checkBicCountry);
export type AddBankAccountInput = z.input<typeof AddBankAccountSchema>;
export type AddBankAccount = z.output<typeof AddBankAccountSchema>;

export const BankAccountIdSchema = z.object({ bankAccountId: z.string().min(1).max(64) });
export type BankAccountIdInput = z.input<typeof BankAccountIdSchema>;

/**
 * Changing an account: the IBAN field may stay empty to keep the current IBAN (the form never
 * holds the full IBAN); the BIC is then checked against the stored IBAN's country on the server.
 */
export const ChangeBankAccountSchema = z
  .object({
    bankAccountId: BankAccountIdSchema.shape.bankAccountId,
    holderName: HolderNameSchema,
    iban: z.string(key("ibanRequired")).transform(sepaIban(true)),
    bic: BicSchema,
    ...MandateFields,
  })
  .superRefine(checkBicCountry);
export type ChangeBankAccountInput = z.input<typeof ChangeBankAccountSchema>;
export type ChangeBankAccount = z.output<typeof ChangeBankAccountSchema>;
