import { createHash } from "node:crypto";

/**
 * SHA-256 hex of a consent text as shown (title, blank line, body). The same canonical form as
 * the seed's consentTextHash (prisma/seed.ts), so seeded and published versions hash alike;
 * tests/unit/consent-state.test.ts keeps the two in step.
 */
export function consentTextHash(title: string, body: string): string {
  return createHash("sha256").update(`${title}\n\n${body}`).digest("hex");
}
