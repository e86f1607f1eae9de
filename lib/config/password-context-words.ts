/**
 * Context-specific words a new password must not contain (NIST SP 800-63B-4 §3.1.1.2, ASVS 6.1.2
 * and 6.2.11; docs/decisions/0032): the portal's own names, and the operator's, since an attacker
 * guessing against this site tries them first. The customer's own address is the policy's other
 * context rule (lib/server/passwords/common-passwords.ts). Plain module: env validation and unit
 * tests use it.
 */

/** The product's names as customers see them (page titles, mails, PRODUCT.md), in both languages. */
export const PRODUCT_CONTEXT_WORDS = ["Kundenportal", "Customer Portal"] as const;

/**
 * Shorter words would refuse too many good passwords ("AG", "Hut"), the same bound as for the
 * address's local part.
 */
export const MIN_CONTEXT_WORD_LENGTH = 4;

/** Legal forms and joiners in a company name: they name no one. */
const NAME_NOISE = new Set([
  "gmbh",
  "mbh",
  "ag",
  "kg",
  "kgaa",
  "ohg",
  "gbr",
  "ug",
  "se",
  "ek",
  "ev",
  "co",
  "und",
  "and",
  "ltd",
  "llc",
  "inc",
  "plc",
  "sarl",
  "bv",
  "nv",
  "haftungsbeschränkt",
]);

/** How words and passwords are compared: NFKC, lower case, letters and digits only. */
export function foldForContext(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

/**
 * The operator's words: PASSWORD_CONTEXT_WORDS (comma-separated) when set, else the distinctive
 * words of the creditor name the operator already configures for SEPA mandates.
 */
export function operatorContextWords(opts: { configured?: string; creditorName: string }): string[] {
  if (opts.configured !== undefined)
    return opts.configured
      .split(",")
      .map((w) => w.trim())
      .filter(Boolean);
  return opts.creditorName
    .split(/[\s,&+./()-]+/)
    .filter((word) => word && !NAME_NOISE.has(foldForContext(word)));
}

/** The folded, de-duplicated list the policy checks: product words plus the operator's. */
export function contextWordList(operatorWords: readonly string[]): string[] {
  const words = [...PRODUCT_CONTEXT_WORDS, ...operatorWords].map(foldForContext);
  return [...new Set(words)].filter((w) => Array.from(w).length >= MIN_CONTEXT_WORD_LENGTH);
}
