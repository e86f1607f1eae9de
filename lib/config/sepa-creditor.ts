/**
 * SEPA Creditor Identifier (EPC262-08): country code, two check digits, a three-character
 * business code the check ignores, and the national identifier. The check digits are ISO 7064
 * MOD 97-10 over national identifier + country code + "00", letters counted as A=10 … Z=35.
 * Plain module (env validation and unit tests use it).
 */
const FORMAT = /^([A-Z]{2})(\d{2})([A-Z0-9]{3})([A-Z0-9]{1,28})$/;

function mod97(digits: string): number {
  let remainder = 0;
  for (const char of digits) remainder = (remainder * 10 + Number(char)) % 97;
  return remainder;
}

const asDigits = (text: string) =>
  [...text].map((c) => (/[A-Z]/.test(c) ? String(c.charCodeAt(0) - 55) : c)).join("");

export function normaliseCreditorIdentifier(value: string): string {
  return value.replace(/\s+/g, "").toUpperCase();
}

export function isValidCreditorIdentifier(value: string): boolean {
  const match = FORMAT.exec(normaliseCreditorIdentifier(value));
  if (!match) return false;
  const [, country, check, , national] = match as unknown as [string, string, string, string, string];
  return 98 - mod97(asDigits(`${national}${country}00`)) === Number(check);
}

/** The Deutsche Bundesbank's published test identifier: fine for the demo, not for real mandates. */
export const TEST_CREDITOR_IDENTIFIER = "DE98ZZZ09999999999";
