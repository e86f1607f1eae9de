import "server-only";
/**
 * Expired e-mail and SMS codes are deleted by `npm run jobs`, a day after they expired (like the
 * one-time tokens): a code past its expiry is refused anyway, and keeping it only keeps a hash of
 * six digits and its timestamps. Sending limits are rate-limit buckets, not these rows, so pruning
 * never resets a throttle.
 */
import { db as defaultDb, type Db } from "@/lib/db";

const GRACE_MS = 24 * 60 * 60_000;

export async function pruneExpiredCodes(
  { now = new Date() }: { now?: Date } = {},
  { tx: db = defaultDb }: { tx?: Db } = {},
): Promise<number> {
  const where = { expiresAt: { lt: new Date(now.getTime() - GRACE_MS) } };
  const mailed = await db.emailOneTimeCode.deleteMany({ where });
  const texted = await db.phoneVerificationCode.deleteMany({ where });
  return mailed.count + texted.count;
}
