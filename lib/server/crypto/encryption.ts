import "server-only";
/**
 * AES-256-GCM envelopes for sensitive values at rest (TOTP secrets and IBANs).
 *
 * Format: `v1.<keyId>.<iv b64url>.<ciphertext+tag b64url>`. The key id travels with the value so a
 * rotation (DATA_ENCRYPTION_PREVIOUS_KEYS) can still open old rows while new ones use the current
 * key; the id is a hash prefix of the key, never the key. The version prefix is bound into the
 * authenticated data, so an envelope cannot be relabelled to another format or key id unnoticed.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { getEnv, type EncryptionKey } from "@/lib/env";

const VERSION = "v1";
const IV_BYTES = 12; // GCM's recommended nonce size
const TAG_BYTES = 16;

export class DecryptionError extends Error {
  constructor(reason: string) {
    super(`Cannot decrypt value: ${reason}`);
    this.name = "DecryptionError";
  }
}

function aad(keyId: string): Buffer {
  return Buffer.from(`${VERSION}.${keyId}`, "utf8");
}

/** Seals `plaintext` with `key` (pure; the env-based wrapper below picks the current key). */
export function encryptWithKey(plaintext: string, key: EncryptionKey): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(key.id));
  const sealed = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return [VERSION, key.id, iv.toString("base64url"), sealed.toString("base64url")].join(".");
}

/** Opens an envelope with whichever of `keys` it names; throws DecryptionError otherwise. */
export function decryptWithKeys(envelope: string, keys: readonly EncryptionKey[]): string {
  const parts = envelope.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION) throw new DecryptionError("unknown format");
  const [, keyId, ivText, sealedText] = parts as [string, string, string, string];
  const key = keys.find((k) => k.id === keyId);
  if (!key) throw new DecryptionError(`no key with id ${keyId}`);
  const iv = Buffer.from(ivText, "base64url");
  const sealed = Buffer.from(sealedText, "base64url");
  if (iv.length !== IV_BYTES || sealed.length < TAG_BYTES) throw new DecryptionError("truncated");
  const decipher = createDecipheriv("aes-256-gcm", key.key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad(key.id));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([
      decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    // GCM's tag check failed: altered ciphertext, iv or key id.
    throw new DecryptionError("authentication failed");
  }
}

/** The key id inside an envelope (stored next to it so rotation jobs can find old rows by index). */
export function envelopeKeyId(envelope: string): string {
  const keyId = envelope.split(".")[1];
  if (!keyId) throw new DecryptionError("unknown format");
  return keyId;
}

export function encryptValue(plaintext: string): string {
  return encryptWithKey(plaintext, getEnv().dataEncryptionKey);
}

export function decryptValue(envelope: string): string {
  const env = getEnv();
  return decryptWithKeys(envelope, [env.dataEncryptionKey, ...env.previousEncryptionKeys]);
}
