import "server-only";
/**
 * Recovery codes: 10 single-use codes shown once, stored as a keyed hash of the normalised code:
 * HMAC-SHA256 under a key derived from AUTH_SECRET, over the code's SHA-256. 50 bits from the
 * CSPRNG (10 characters of a 32-letter alphabet) resist guessing online, where attempts are
 * throttled, but not offline: with a plain SHA-256 a copy of the database would be enough to test
 * every code. The key makes a copy of the database alone useless. The HMAC is taken over the
 * SHA-256 that earlier versions stored, so their rows are re-keyed without the codes
 * (docs/decisions/0025).
 */
import { createHash, randomInt } from "node:crypto";
import { purposeMac } from "@/lib/server/crypto/purpose-mac";

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

/** The versioned prefix of a keyed hash; a row without it holds an older version's SHA-256 hex. */
export const KEYED_HASH_PREFIX = "k1:";
const MAC_PURPOSE = "portal/recovery-code/v1";

/** What versions before the keyed hash stored: SHA-256 hex of the normalised code. */
function legacyRecoveryCodeHash(input: string): string {
  return createHash("sha256").update(normalizeRecoveryCode(input)).digest("hex");
}

/** The stored form of a code. `secret` defaults to AUTH_SECRET. */
export function hashRecoveryCode(input: string, secret?: string): string {
  return rekeyLegacyHash(legacyRecoveryCodeHash(input), secret);
}

/** The keyed form of a row an older version stored, computed without the code. */
export function rekeyLegacyHash(legacyHash: string, secret?: string): string {
  return `${KEYED_HASH_PREFIX}${purposeMac(MAC_PURPOSE, legacyHash, secret)}`;
}
