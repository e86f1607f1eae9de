/** Values that must never protect a deployment: defaults from docs and examples, and low-entropy strings. */
const KNOWN_DEFAULTS = [
  "changeme",
  "change-me",
  "secret",
  "password",
  "development",
  "replace-with-32-random-bytes",
  "please-change-this-secret-in-production",
];

export function isWeakSecret(value: string): boolean {
  const lower = value.toLowerCase();
  if (KNOWN_DEFAULTS.some((d) => lower.includes(d))) return true;
  // 32 random base64 characters have ~25 distinct symbols; a repeated pattern has few.
  return new Set(value).size < 12;
}
