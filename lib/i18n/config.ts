// Locale configuration shared by the server (request config, actions) and the client
// (language switch). Kept free of server-only imports so client components can use it.

export const locales = ["de", "en"] as const;

export type Locale = (typeof locales)[number];

export const defaultLocale: Locale = "de";

/** Cookie that remembers the visitor's explicit language choice. */
export const LOCALE_COOKIE = "NEXT_LOCALE";

/** One year: a language choice is a long-lived preference, not session state. */
export const LOCALE_COOKIE_MAX_AGE_SECONDS = 60 * 60 * 24 * 365;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/** A stored or requested language as one we serve; anything else gets the default (German). */
export function toLocale(value: unknown): Locale {
  return isLocale(value) ? value : defaultLocale;
}
