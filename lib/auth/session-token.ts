import { createHash, randomBytes } from "node:crypto";

/** The session cookie; its value is a random bearer token, of which only the SHA-256 is stored. */
export const SESSION_COOKIE = "portal_session";

export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
