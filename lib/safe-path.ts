// Open-redirect guard for values that come back from the browser (callbackUrl, returnTo).
// Only same-origin relative paths pass: "/account?tab=1" yes; "//evil.example", "/\\evil",
// "https://evil.example", "javascript:…" no.

const MAX_PATH_LENGTH = 2048;
const PROBE_ORIGIN = "http://portal.invalid";

export function isSafeRelativePath(value: unknown): value is string {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_PATH_LENGTH) return false;
  if (!value.startsWith("/") || value.startsWith("//")) return false;
  // Browsers treat "\" like "/" in URLs, so "/\evil.example" would leave the origin.
  if (value.includes("\\")) return false;
  // Control characters (tabs and newlines are stripped by URL parsers) can hide a second slash.
  if (/[\u0000-\u001f\u007f]/.test(value)) return false;
  try {
    return new URL(value, PROBE_ORIGIN).origin === PROBE_ORIGIN;
  } catch {
    return false;
  }
}

/** Returns the value when it is a safe relative path, otherwise the fallback. */
export function toSafeRelativePath(value: unknown, fallback = "/"): string {
  return isSafeRelativePath(value) ? value : fallback;
}
