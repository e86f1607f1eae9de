import "server-only";
/**
 * Sealing IBANs at rest (docs/decisions/0012): AES-256-GCM envelopes from lib/server/crypto/encryption.ts
 * (key id inside, so rotation can find and re-seal old rows) and a blind index for "already on
 * file" checks without decrypting.
 *
 * The envelope is bound to its row: the sealed plaintext is `<bankAccountId>:<IBAN>` and opening
 * checks the id. GCM authenticates the plaintext, so a ciphertext copied into another row (another
 * customer's) fails to open instead of showing that customer someone else's IBAN. The binding is
 * in the plaintext because encryption.ts takes no extra associated data (docs/decisions/0012).
 */
import { createHmac, hkdfSync } from "node:crypto";
import { getEnv, type EncryptionKey } from "@/lib/env";
import {
  decryptWithKeys,
  DecryptionError,
  encryptWithKey,
  envelopeKeyId,
} from "@/lib/server/crypto/encryption";
import { maskIban } from "./iban-mask";

const FINGERPRINT_INFO = "portal/iban-fingerprint/v1";

export type SealedIban = {
  ibanCiphertext: string;
  ibanKeyId: string;
  ibanFingerprint: string;
};

/** Ciphertext, key id and blind index of `iban` for the row `bankAccountId`, under `key`. */
export function sealIban(bankAccountId: string, iban: string, key: EncryptionKey): SealedIban {
  const ibanCiphertext = encryptWithKey(`${bankAccountId}:${iban}`, key);
  return {
    ibanCiphertext,
    ibanKeyId: envelopeKeyId(ibanCiphertext),
    ibanFingerprint: ibanFingerprint(iban, key),
  };
}

/** The IBAN of row `bankAccountId`; throws DecryptionError for an unknown key, tampering or a moved value. */
export function openIban(bankAccountId: string, envelope: string, keys: readonly EncryptionKey[]): string {
  const plaintext = decryptWithKeys(envelope, keys);
  const separator = plaintext.lastIndexOf(":");
  if (separator < 0 || plaintext.slice(0, separator) !== bankAccountId)
    throw new DecryptionError("value belongs to another row");
  return plaintext.slice(separator + 1);
}

/**
 * HMAC-SHA256 of the IBAN under a key derived (HKDF) from the data key: equal IBANs give equal
 * fingerprints under one key, and nothing about the IBAN without it. Rotation recomputes it.
 */
export function ibanFingerprint(iban: string, key: EncryptionKey): string {
  const macKey = Buffer.from(hkdfSync("sha256", key.key, Buffer.alloc(0), FINGERPRINT_INFO, 32));
  return createHmac("sha256", macKey).update(iban).digest("hex");
}

/** The current data key and every key that still opens values (current first). */
export function dataKeys(): { current: EncryptionKey; all: EncryptionKey[] } {
  const env = getEnv();
  return { current: env.dataEncryptionKey, all: [env.dataEncryptionKey, ...env.previousEncryptionKeys] };
}

type StoredIban = {
  id: string;
  ibanCiphertext: string;
  ibanCountry: string;
  ibanLast4: string;
  ibanLength: number;
};

/**
 * The display mask of a stored IBAN, from the plaintext (the mask shows the check digits, which no
 * clear column holds); if the row cannot be opened (a key no longer configured), from the clear
 * columns with the check digits masked too.
 */
export function maskStoredIban(account: StoredIban, keys: readonly EncryptionKey[]): string {
  try {
    return maskIban(openIban(account.id, account.ibanCiphertext, keys));
  } catch (error) {
    if (!(error instanceof DecryptionError)) throw error;
    const hidden = "•".repeat(Math.max(0, account.ibanLength - 6));
    return maskIban(`${account.ibanCountry}••${hidden}${account.ibanLast4.slice(-2)}`);
  }
}
