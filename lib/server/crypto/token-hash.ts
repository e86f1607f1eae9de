import { createHash, randomBytes } from "node:crypto";

/**
 * Bearer tokens (sessions, mailed links, device cookies) are random; only their SHA-256 is stored,
 * so a leaked database cannot be replayed as cookies or links. Plain module: the seed and the tests
 * create sessions with it too.
 */
export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
