import "server-only";
/**
 * Database-backed throttling (policies.ts), shared by every app instance on the same database.
 *
 * Every change runs in a short transaction whose first statement is an upsert of the bucket row:
 * Prisma issues it as one INSERT … ON CONFLICT DO UPDATE … RETURNING on SQLite and PostgreSQL
 * alike (checked in the query log), which creates the row if needed and locks it (PostgreSQL row
 * lock; SQLite's single write lock), so concurrent hits from any number of instances are applied
 * one after another instead of losing updates. The new state is computed in bucket-state.ts.
 *
 * Subjects are hashed (SHA-256) into the key `<policy>:<hex>`, so no email or IP is stored here.
 *
 * Sign-in flow, race-free: `consumeRateLimit` on the failure policies counts the attempt as a
 * failure BEFORE the password is checked, atomically refusing once a wait applies; on success call
 * `resetRateLimit` (account) and `refundRateLimitHit` (IP). Peek-then-record (`peekRateLimit`,
 * verify, `recordRateLimitHit`) is simpler but lets a burst of parallel requests all pass the peek
 * before the first failure is recorded.
 *
 * `now` is a parameter for tests and jobs; in requests leave it to the clock.
 */
import { withTransientRetry } from "@/lib/db/db-retry";
import { createHash } from "node:crypto";
import { afterHit, afterRefund, decide, type BucketState, type RateDecision } from "./bucket-state";
import { RATE_LIMIT_POLICIES, type RateLimitPolicyName } from "@/lib/config/rate-limits";
import { db as defaultDb, type Db } from "@/lib/db";

export type { RateDecision } from "./bucket-state";
export type { RateLimitPolicyName } from "@/lib/config/rate-limits";
export { rateLimitIpSubject } from "./ip-subject";

const BUCKET_SELECT = {
  count: true,
  consecutiveFailures: true,
  windowStartedAt: true,
  lockedUntil: true,
  expiresAt: true,
} as const;

// A placeholder row created by the locking upsert counts as "no state" (expired) until updated.
const NO_STATE = new Date(0);

// SQLite's lock queue and a PostgreSQL pool under load both need more than Prisma's 2 s default
// to start a transaction; each of ours lasts a few milliseconds once started.
const TX_OPTIONS = { maxWait: 10_000, timeout: 10_000 } as const;

export function rateLimitKey(policy: RateLimitPolicyName, subject: string): string {
  return `${policy}:${createHash("sha256").update(subject, "utf8").digest("hex")}`;
}

/** Read-only: may this attempt go ahead? */
export async function peekRateLimit(
  { policy, subject, now = new Date() }: { policy: RateLimitPolicyName; subject: string; now?: Date },
  { tx: db = defaultDb }: { tx?: Db } = {},
): Promise<RateDecision> {
  const row = await db.rateLimitBucket.findUnique({
    where: { key: rateLimitKey(policy, subject) },
    select: BUCKET_SELECT,
  });
  return decide(RATE_LIMIT_POLICIES[policy], row, now);
}

/**
 * Counts one failure (failure policies) or one attempt (window policies), atomically. Returns the
 * state after the hit, i.e. whether the NEXT attempt may go ahead and, if not, for how long.
 */
export async function recordRateLimitHit(
  { policy, subject, now = new Date() }: { policy: RateLimitPolicyName; subject: string; now?: Date },
  { tx: db = defaultDb }: { tx?: Db } = {},
): Promise<RateDecision> {
  const rules = RATE_LIMIT_POLICIES[policy];
  return updateBucket(db, rateLimitKey(policy, subject), now, (row) => {
    const next = afterHit(rules, row, now);
    return { next, result: decide(rules, next, now) };
  });
}

/**
 * Check and count in one atomic step: refuses (counting nothing) when over the limit, otherwise
 * counts this attempt and lets it go ahead. The answer is about THIS attempt. On a failure policy
 * the attempt is counted as a failure in advance (see the module comment).
 */
export async function consumeRateLimit(
  { policy, subject, now = new Date() }: { policy: RateLimitPolicyName; subject: string; now?: Date },
  { tx: db = defaultDb }: { tx?: Db } = {},
): Promise<RateDecision> {
  return updateBucket(db, rateLimitKey(policy, subject), now, consumeStep(policy, now));
}

/**
 * consumeRateLimit for several buckets at once (a sign-in's per-account and per-IP limiters) in ONE
 * transaction instead of one each (issue 16). Each bucket is decided and counted exactly as
 * consumeRateLimit decides and counts it alone: a refused one counts nothing, the others still
 * count. Answers in the order asked.
 */
export async function consumeRateLimits(
  { buckets, now = new Date() }: { buckets: { policy: RateLimitPolicyName; subject: string }[]; now?: Date },
  { tx: db = defaultDb }: { tx?: Db } = {},
): Promise<RateDecision[]> {
  const steps = buckets.map(({ policy, subject }) => ({
    key: rateLimitKey(policy, subject),
    step: consumeStep(policy, now),
  }));
  return updateBuckets(db, now, steps);
}

function consumeStep(policy: RateLimitPolicyName, now: Date): BucketStep<RateDecision>["step"] {
  const rules = RATE_LIMIT_POLICIES[policy];
  return (row) => {
    const decision = decide(rules, row, now);
    return decision.allowed
      ? { next: afterHit(rules, row, now), result: decision }
      : { next: null, result: decision };
  };
}

/** A window policy's quota after this attempt, for RateLimit-* headers (draft-ietf-httpapi-ratelimit-headers). */
export type RateQuota = { allowed: boolean; limit: number; remaining: number; resetSeconds: number };

/**
 * consumeRateLimit for a window policy, answering with the quota as well: how many attempts the
 * window allows, how many are left after this one, and when the window ends.
 */
export async function consumeRateQuota(
  { policy, subject, now = new Date() }: { policy: RateLimitPolicyName; subject: string; now?: Date },
  { tx: db = defaultDb }: { tx?: Db } = {},
): Promise<RateQuota> {
  const rules = RATE_LIMIT_POLICIES[policy];
  if (rules.kind !== "window") throw new Error(`consumeRateQuota needs a window policy, not ${policy}`);
  return updateBucket<RateQuota>(db, rateLimitKey(policy, subject), now, (row) => {
    const decision = decide(rules, row, now);
    const next = decision.allowed ? afterHit(rules, row, now) : null;
    const state = next ?? row!;
    return {
      next,
      result: {
        allowed: decision.allowed,
        limit: rules.limit,
        remaining: Math.max(0, rules.limit - state.count),
        resetSeconds: Math.max(1, Math.ceil((state.expiresAt.getTime() - now.getTime()) / 1000)),
      },
    };
  });
}

/** Takes back one hit counted by consumeRateLimit for an attempt that turned out fine. */
export async function refundRateLimitHit(
  { policy, subject, now = new Date() }: { policy: RateLimitPolicyName; subject: string; now?: Date },
  { tx: db = defaultDb }: { tx?: Db } = {},
): Promise<void> {
  const rules = RATE_LIMIT_POLICIES[policy];
  await updateBucket(db, rateLimitKey(policy, subject), now, (row) => ({
    next: afterRefund(rules, row, now),
    result: undefined,
  }));
}

/** Clears the subject's counter, e.g. the account's after a successful sign-in or password reset. */
export async function resetRateLimit(
  { policy, subject }: { policy: RateLimitPolicyName; subject: string },
  { tx: db = defaultDb }: { tx?: Db } = {},
): Promise<void> {
  await withTransientRetry(() =>
    db.rateLimitBucket.deleteMany({ where: { key: rateLimitKey(policy, subject) } }),
  );
}

/** Periodic cleanup: deletes buckets whose window ended or whose failures are forgotten. */
export async function pruneRateLimitBuckets(
  { now = new Date() }: { now?: Date } = {},
  { tx: db = defaultDb }: { tx?: Db } = {},
): Promise<number> {
  const { count } = await withTransientRetry(() =>
    db.rateLimitBucket.deleteMany({ where: { expiresAt: { lt: now } } }),
  );
  return count;
}

type BucketStep<T> = {
  key: string;
  step: (row: BucketState | null) => { next: BucketState | null; result: T };
};

async function updateBucket<T>(db: Db, key: string, now: Date, step: BucketStep<T>["step"]): Promise<T> {
  const [result] = await updateBuckets(db, now, [{ key, step }]);
  return result!;
}

async function updateBuckets<T>(db: Db, now: Date, steps: BucketStep<T>[]): Promise<T[]> {
  // Locked in key order: two transactions that share buckets take them in the same order, so on
  // PostgreSQL neither can hold one the other waits for while waiting for one the other holds.
  const order = steps.map((_, i) => i).sort((a, b) => (steps[a]!.key < steps[b]!.key ? -1 : 1));
  return withTransientRetry(() =>
    db.$transaction(async (tx) => {
      const results = new Array<T>(steps.length);
      for (const i of order) {
        const { key, step } = steps[i]!;
        const row = await tx.rateLimitBucket.upsert({
          where: { key },
          create: { key, windowStartedAt: now, expiresAt: NO_STATE },
          update: { updatedAt: now }, // a real write: it is what takes the lock
          select: BUCKET_SELECT,
        });
        const { next, result } = step(row);
        if (next) await tx.rateLimitBucket.update({ where: { key }, data: next, select: { key: true } });
        results[i] = result;
      }
      return results;
    }, TX_OPTIONS),
  );
}
