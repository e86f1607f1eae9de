import "server-only";
/**
 * Which buckets a password attempt counts against (docs/decisions/0005). Every attempt is counted
 * BEFORE the password is checked, so parallel guesses cannot all pass a read-only check; the
 * sign-in form and the password check at /login/link share this, so both meet one limit: per
 * account (the address as typed, so unknown addresses are throttled like known ones) and per IP.
 */
import { db } from "@/lib/db";
import {
  consumeRateLimit,
  rateLimitIpSubject,
  refundRateLimitHit,
  resetRateLimit,
} from "@/lib/server/rate-limit/rate-limit";

export type PasswordAttempt =
  | {
      allowed: true;
      /** After a correct password: clears the account bucket and refunds the IP's hit. */
      succeeded: () => Promise<void>;
    }
  | { allowed: false; retryAfterSeconds: number; locked: boolean; untilReset: boolean };

export async function consumePasswordAttempt(opts: {
  emailNormalized: string;
  deviceCookieId: string;
  ip: string | null;
}): Promise<PasswordAttempt> {
  const { emailNormalized } = opts;
  const ipKey = rateLimitIpSubject(opts.ip);
  const [byAccount, byIp] = await Promise.all([
    consumeRateLimit(db, "signInAccount", emailNormalized),
    consumeRateLimit(db, "signInIp", ipKey),
  ]);
  const refused = [byAccount, byIp].find((d) => !d.allowed);
  if (refused && !refused.allowed) {
    return {
      allowed: false,
      retryAfterSeconds: refused.retryAfterSeconds,
      locked: refused.locked,
      untilReset: refused.untilReset === true,
    };
  }
  return {
    allowed: true,
    succeeded: async () => {
      await Promise.all([
        resetRateLimit(db, "signInAccount", emailNormalized),
        refundRateLimitHit(db, "signInIp", ipKey),
      ]);
    },
  };
}
