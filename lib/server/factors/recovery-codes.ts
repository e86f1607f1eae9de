import "server-only";
/**
 * Recovery codes: 10 single-use codes shown once, stored as SHA-256 of the normalised code. A plain
 * hash is enough because each code carries 50 bits from the CSPRNG (10 characters of a 32-letter
 * alphabet) and guesses are throttled; a slow hash would only slow the sign-in.
 */
import { createHash, randomInt } from "node:crypto";

export const RECOVERY_CODE_COUNT = 10;
/** No I, O, 0 or 1: they are mistaken for each other when copied from paper. */
export const RECOVERY_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const CODE_LENGTH = 10;

/** "ABCD-EFGH-JK": hyphens only for reading; they are not part of the code. */
export function generateRecoveryCode(): string {
  let raw = "";
  for (let i = 0; i < CODE_LENGTH; i++)
    raw += RECOVERY_CODE_ALPHABET[randomInt(RECOVERY_CODE_ALPHABET.length)];
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}

export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const codes = new Set<string>();
  while (codes.size < count) codes.add(generateRecoveryCode());
  return [...codes];
}

/** Case, spaces and hyphens do not matter when a person types a code back. */
export function normalizeRecoveryCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]+/g, "");
}

export function isRecoveryCodeShape(input: string): boolean {
  const normalized = normalizeRecoveryCode(input);
  return (
    normalized.length === CODE_LENGTH && [...normalized].every((c) => RECOVERY_CODE_ALPHABET.includes(c))
  );
}

export function hashRecoveryCode(input: string): string {
  return createHash("sha256").update(normalizeRecoveryCode(input)).digest("hex");
}
