import "server-only";
/**
 * What binds a confirmation to the details the customer saw (docs/decisions/0010): the canonical
 * JSON of the details, its SHA-256, and the WebAuthn challenge derived from that hash, the kind and
 * the server nonce. Pure functions, so the confirming request can recompute everything from the
 * stored row instead of trusting a value stored next to it.
 */
import { createHash } from "node:crypto";

/** JSON values that survive both databases unchanged (no floats, no integers beyond 2^53). */
export type TransactionDetailsValue =
  string | number | boolean | null | TransactionDetailsValue[] | { [key: string]: TransactionDetailsValue };

export type TransactionDetails = { [key: string]: TransactionDetailsValue };

/** Version tag of the challenge derivation, so a future change cannot collide with this one. */
const CHALLENGE_DOMAIN = "portal-transaction-v1";

/**
 * JSON with object keys sorted at every level and no whitespace: PostgreSQL's jsonb reorders keys
 * and SQLite keeps them as written, so only a canonical form hashes alike on both. Numbers must be
 * safe integers (amounts in cents): a float's text form is not a stable thing to sign.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === "boolean" || typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value))
      throw new TypeError("transaction details: numbers must be safe integers");
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(",")}}`;
  }
  throw new TypeError(`transaction details: unsupported value of type ${typeof value}`);
}

/** SHA-256 hex of the canonical JSON: `TransactionConfirmation.detailsHash`. */
export function hashDetails(details: unknown): string {
  return createHash("sha256").update(canonicalJson(details), "utf8").digest("hex");
}

/**
 * The WebAuthn challenge: base64url(SHA-256(domain ‖ kind ‖ detailsHash ‖ nonce)), fields joined
 * with NUL (none of them can contain one). The kind is included so that the same details can never
 * be replayed as another kind of operation.
 */
export function deriveTransactionChallenge(opts: {
  kind: string;
  detailsHash: string;
  nonce: string;
}): string {
  return createHash("sha256")
    .update([CHALLENGE_DOMAIN, opts.kind, opts.detailsHash, opts.nonce].join("\u0000"), "utf8")
    .digest("base64url");
}
