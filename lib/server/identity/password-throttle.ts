import "server-only";
/**
 * Which buckets a password attempt counts against (docs/decisions/0005, 0022). Every attempt is
 * counted BEFORE the password is checked, so parallel guesses cannot all pass a read-only check;
 * the sign-in form and the password check at /login/link share this, so both meet one limit.
 *
 * Per IP always. Per account, one of two buckets:
 * - the owner's own browser (a device cookie that has signed in to this account before, or one
 *   holding an emailed unlock pass) counts in its own bucket per account and browser, so guesses
 *   from elsewhere cannot lock the owner out;
 * - every other client counts in the account's bucket (the NIST bound of 100 consecutive failures
 *   holds for them, whatever address variant or IP they use).
 * The address as typed picks the bucket, so unknown addresses are throttled like known ones.
 */
import { db } from "@/lib/db";
import {
  consumeRateLimits,
  rateLimitIpSubject,
  refundRateLimitHit,
  resetRateLimit,
} from "@/lib/server/rate-limit/rate-limit";
import { accountDeviceSubject } from "@/lib/config/rate-limits";
import { deviceCookieHash, findSignInPassByEmail, spendSignInPass } from "./sign-in-passes";

export type PasswordAttempt =
  | {
      allowed: true;
      /** After a correct password: clears the account bucket used and refunds the IP's hit. */
      succeeded: () => Promise<void>;
    }
  | { allowed: false; retryAfterSeconds: number; locked: boolean; untilReset: boolean };

export async function consumePasswordAttempt(opts: {
  emailNormalized: string;
  deviceCookieId: string;
  ip: string | null;
}): Promise<PasswordAttempt> {
  const { emailNormalized, deviceCookieId } = opts;
  const cookieHash = deviceCookieHash(deviceCookieId);
  // One query each whether or not the address has an account, so the branch reveals nothing.
  const [knownBrowser, unlockedFor] = await Promise.all([
    db.device.findFirst({
      where: { cookieIdHash: cookieHash, user: { emailNormalized } },
      select: { userId: true },
    }),
    findSignInPassByEmail({ emailNormalized, kind: "THROTTLE_UNLOCK", deviceCookieId }),
  ]);
  const ownerId = knownBrowser?.userId ?? unlockedFor;
  const account = ownerId
    ? ({ policy: "signInAccountDevice", subject: accountDeviceSubject(ownerId, cookieHash) } as const)
    : ({ policy: "signInAccount", subject: emailNormalized } as const);
  const ipKey = rateLimitIpSubject(opts.ip);
  // Both limiters in one transaction (rate-limit.ts), each counted as it would be alone; the
  // account's answer first, as it is the one that can lock until a reset.
  const decisions = await consumeRateLimits({
    buckets: [
      { policy: account.policy, subject: account.subject },
      { policy: "signInIp", subject: ipKey },
    ],
  });
  const refused = decisions.find((d) => !d.allowed);
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
      // A success from the owner's browser ends that browser's run only: the strangers' count on
      // the account bucket stays, or each of the owner's sign-ins would hand them 100 new guesses.
      await Promise.all([
        resetRateLimit({ policy: account.policy, subject: account.subject }),
        refundRateLimitHit({ policy: "signInIp", subject: ipKey }),
      ]);
      if (unlockedFor && !knownBrowser)
        await spendSignInPass({ userId: unlockedFor, kind: "THROTTLE_UNLOCK", deviceCookieId });
    },
  };
}

/** After a password reset: the owner's browsers start afresh too (the account bucket is the caller's). */
export async function resetOwnBrowserThrottles(userId: string): Promise<void> {
  const devices = await db.device.findMany({ where: { userId }, select: { cookieIdHash: true } });
  await Promise.all(
    devices.map((d) =>
      resetRateLimit({
        policy: "signInAccountDevice",
        subject: accountDeviceSubject(userId, d.cookieIdHash),
      }),
    ),
  );
}
