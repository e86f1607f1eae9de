import "server-only";
/**
 * HMAC-SHA256 for values the server signs and later checks (links, cookies, pending state). The
 * key is derived from AUTH_SECRET per purpose, so a MAC made for one feature never verifies for
 * another; comparison is constant-time.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { getEnv } from "@/lib/env";

export function purposeMac(purpose: string, message: string, secret: string = getEnv().authSecret): string {
  const key = createHmac("sha256", secret).update(purpose).digest();
  return createHmac("sha256", key).update(message).digest("base64url");
}

/** Whether `given` equals `expected`, without leaking where they differ. */
export function sameMac(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
