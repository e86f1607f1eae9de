/**
 * The customer number (docs/decisions/0043): nine digits and a check digit, stored as the ten
 * digits ("1234567894"), shown and told on the phone as "K-123456789-4". The check digit (weights
 * 3,1,3,… from the left, bringing the weighted sum to a multiple of 10, as in an EAN) catches every
 * mistyped digit and most swapped neighbours before a search finds the wrong customer. The same
 * rule backfills the existing accounts in the migration `customer_number` (both databases).
 * Plain functions, shared by the database client, the server and the browser.
 */

const BODY_LENGTH = 9;
export const CUSTOMER_NUMBER_LENGTH = BODY_LENGTH + 1;

export function checkDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[i]) * (i % 2 === 0 ? 3 : 1);
  return String((10 - (sum % 10)) % 10);
}

/** A fresh random number; the first digit is never 0 so that it reads the same with or without it. */
export function generateCustomerNumber(): string {
  const random = crypto.getRandomValues(new Uint32Array(BODY_LENGTH));
  let body = String(1 + (random[0]! % 9));
  for (let i = 1; i < BODY_LENGTH; i++) body += String(random[i]! % 10);
  return body + checkDigit(body);
}

export function isValidCustomerNumber(digits: string): boolean {
  return (
    new RegExp(`^[1-9]\\d{${BODY_LENGTH}}$`).test(digits) &&
    checkDigit(digits.slice(0, BODY_LENGTH)) === digits[BODY_LENGTH]
  );
}

/** "1234567894" → "K-123456789-4" (anything else is shown as stored). */
export function formatCustomerNumber(digits: string): string {
  return digits.length === CUSTOMER_NUMBER_LENGTH
    ? `K-${digits.slice(0, BODY_LENGTH)}-${digits.slice(BODY_LENGTH)}`
    : digits;
}

/** What an agent types ("K-1234", "k 123 456", "12345") → the stored digits it starts with. */
export function customerNumberDigits(typed: string): string {
  return typed
    .trim()
    .replace(/^k\s*-?/i, "")
    .replace(/\D/g, "");
}
