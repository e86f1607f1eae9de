/**
 * Redaction at the source for audit metadata. The audit trail outlives the customer (erasure keeps
 * it, pseudonymised) and is shown to support staff, so secrets and full personal values must never
 * enter it. A key that names a secret is a programming error: in development and tests it throws
 * so the bug is found before it ships; in production the value is replaced instead, because
 * failing would roll back the customer's change over a log detail.
 */

import { SECRET_COLUMN_NAMES } from "@/lib/config/data-classification";

export type AuditMetadataValue =
  | string
  | number
  | boolean
  | null
  | readonly AuditMetadataValue[]
  | { readonly [key: string]: AuditMetadataValue };

export type AuditMetadata = { readonly [key: string]: AuditMetadataValue };

/**
 * Words that, anywhere in a key, mark a secret or a full bank/credential value. Matching any word
 * (not only the whole key) catches `newPassword`, `reset_token`, `clientSecret`, `ibanLast4`;
 * masked display values then need a neutral name (`accountLast4`), which is a small price for a
 * rule without exceptions.
 */
const FORBIDDEN_KEY_WORDS = new Set(["password", "passwd", "passphrase", "token", "secret", "iban"]);

export const REDACTED_VALUE = "[redacted]";

export class AuditMetadataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AuditMetadataError";
  }
}

/** `erika.mustermann@example.com` → `e***@example.com`: enough for support to recognise, not to contact. */
export function redactEmail(email: string): string {
  const trimmed = email.trim();
  const at = trimmed.lastIndexOf("@");
  if (at <= 0 || at === trimmed.length - 1) return "***";
  const first = Array.from(trimmed)[0] ?? "";
  return `${first}***@${trimmed.slice(at + 1).toLowerCase()}`;
}

function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * A key naming a secret: one of the words above, or the name of a column classified `secret`
 * (lib/config/data-classification.ts: `codeHash`, `keyHash`, `cookieIdHash`, …).
 */
export function isForbiddenMetadataKey(key: string): boolean {
  return SECRET_COLUMN_NAMES.has(key) || keyWords(key).some((word) => FORBIDDEN_KEY_WORDS.has(word));
}

function sanitizeValue(value: AuditMetadataValue, path: string, strict: boolean): AuditMetadataValue {
  if (Array.isArray(value)) {
    return value.map((item: AuditMetadataValue, i: number) => sanitizeValue(item, `${path}[${i}]`, strict));
  }
  if (value !== null && typeof value === "object") {
    const out: Record<string, AuditMetadataValue> = {};
    for (const [key, inner] of Object.entries(value as AuditMetadata)) {
      if (inner === undefined) continue; // JSON drops it too; keeps the hashed form equal to the stored one
      const at = path ? `${path}.${key}` : key;
      if (isForbiddenMetadataKey(key)) {
        if (strict) {
          throw new AuditMetadataError(
            `Audit metadata key "${at}" names a secret (password/token/secret/iban or a secret column): ` +
              "log an id or a masked value under a neutral name instead",
          );
        }
        out[key] = REDACTED_VALUE;
        continue;
      }
      out[key] = sanitizeValue(inner, at, strict);
    }
    return out;
  }
  if (typeof value === "number" && !Number.isFinite(value)) return null; // what JSON would store
  return value;
}

/**
 * Returns metadata safe to store. `strict` defaults to "not production": throws on a forbidden
 * key there, replaces the value with "[redacted]" in production.
 */
export function sanitizeAuditMetadata(
  metadata: AuditMetadata,
  strict: boolean = process.env.NODE_ENV !== "production",
): AuditMetadata {
  return sanitizeValue(metadata, "", strict) as AuditMetadata;
}
