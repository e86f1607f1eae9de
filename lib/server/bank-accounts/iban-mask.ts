/**
 * The masked IBAN shown wherever the full one must not be: country and check digits, then dots,
 * then the last two characters, in the groups of four people know from their bank card
 * ("DE89 •••• •••• •••• •••• 00"). Pure, so unit tests cover it and any view can use it.
 */

const MASK = "•";
const VISIBLE_START = 4;
const VISIBLE_END = 2;

export function maskIban(iban: string): string {
  const compact = iban.replace(/\s+/g, "").toUpperCase();
  const hidden = Math.max(0, compact.length - VISIBLE_START - VISIBLE_END);
  const masked =
    compact.slice(0, VISIBLE_START) + MASK.repeat(hidden) + compact.slice(VISIBLE_START + hidden);
  return masked.replace(/(.{4})(?=.)/g, "$1 ");
}
