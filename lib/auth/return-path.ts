/** Only relative same-origin paths are accepted as a place to return to after sign-in (no open redirect). */
export function safeReturnPath(value: string | null | undefined, fallback = "/account"): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return fallback;
  return value;
}
