/**
 * The rate-limit state machine, free of I/O so it can be tested as a table: what a bucket row
 * means at a given time, and what it becomes after a hit or a refund. rate-limit.ts applies it
 * inside a row-locking transaction.
 *
 * One rule for staleness across both kinds: a row whose expiresAt has passed is as good as no row
 * (its window ended, or its failures were forgotten), so cleanup may delete it at any time.
 */
import { failureSchedule, type FailurePolicy, type RateLimitPolicy } from "@/lib/config/rate-limits";

export type RateDecision =
  | { allowed: true }
  | {
      allowed: false;
      /** Whole seconds, at least 1. */
      retryAfterSeconds: number;
      /** A lock (not just a progressive delay): the UI says "temporarily locked". */
      locked: boolean;
      /** Locked until a reset (password reset / account recovery), not until a time. */
      untilReset?: true;
    };

export type BucketState = {
  count: number;
  consecutiveFailures: number;
  windowStartedAt: Date;
  lockedUntil: Date | null;
  expiresAt: Date;
};

const ALLOWED: RateDecision = { allowed: true };

function addSeconds(date: Date, seconds: number): Date {
  return new Date(date.getTime() + seconds * 1000);
}

function secondsUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}

/** The state that still counts at `now`, or null when there is none (no row, or expired). */
export function liveState(row: BucketState | null, now: Date): BucketState | null {
  return row && row.expiresAt.getTime() > now.getTime() ? row : null;
}

/** May an attempt go ahead at `now`? */
export function decide(policy: RateLimitPolicy, row: BucketState | null, now: Date): RateDecision {
  const state = liveState(row, now);
  if (!state) return ALLOWED;
  if (policy.kind === "window") {
    if (state.count < policy.limit) return ALLOWED;
    return { allowed: false, retryAfterSeconds: secondsUntil(state.expiresAt, now), locked: false };
  }
  if (!state.lockedUntil || state.lockedUntil.getTime() <= now.getTime()) return ALLOWED;
  const schedule = failureSchedule(policy, state.consecutiveFailures);
  return {
    allowed: false,
    retryAfterSeconds: secondsUntil(state.lockedUntil, now),
    locked: schedule.locked,
    ...(schedule.untilReset ? { untilReset: true as const } : {}),
  };
}

/** The state after one more hit (a failure, or an attempt in the window) at `now`. */
export function afterHit(policy: RateLimitPolicy, row: BucketState | null, now: Date): BucketState {
  const state = liveState(row, now);
  if (policy.kind === "window") {
    if (!state) {
      return {
        count: 1,
        consecutiveFailures: 0,
        windowStartedAt: now,
        lockedUntil: null,
        expiresAt: addSeconds(now, policy.windowSeconds),
      };
    }
    return { ...state, count: state.count + 1 };
  }
  const failures = (state?.consecutiveFailures ?? 0) + 1;
  return failureState(policy, failures, state?.windowStartedAt ?? now, now);
}

/**
 * Takes back one hit: an attempt counted in advance (consumeRateLimit on a failure policy) that
 * then succeeded. The wait is shortened to what the remaining failures impose from now, never
 * lengthened; a lock that the remaining failures still justify stays as it is.
 */
export function afterRefund(policy: RateLimitPolicy, row: BucketState | null, now: Date): BucketState | null {
  const state = liveState(row, now);
  if (!state) return null;
  if (policy.kind === "window") return { ...state, count: Math.max(0, state.count - 1) };
  const failures = Math.max(0, state.consecutiveFailures - 1);
  const wait = failureSchedule(policy, failures).waitSeconds;
  const cap = addSeconds(now, wait);
  const lockedUntil =
    wait === 0
      ? null
      : state.lockedUntil && state.lockedUntil.getTime() < cap.getTime()
        ? state.lockedUntil
        : cap;
  return { ...state, count: failures, consecutiveFailures: failures, lockedUntil };
}

function failureState(
  policy: FailurePolicy,
  failures: number,
  windowStartedAt: Date,
  now: Date,
): BucketState {
  const { waitSeconds } = failureSchedule(policy, failures);
  const lockedUntil = waitSeconds > 0 ? addSeconds(now, waitSeconds) : null;
  const forgetAt = addSeconds(now, policy.forgetAfterSeconds);
  return {
    count: failures,
    consecutiveFailures: failures,
    windowStartedAt,
    lockedUntil,
    // Kept at least as long as the lock, so a lock is never pruned early.
    expiresAt: lockedUntil && lockedUntil.getTime() > forgetAt.getTime() ? lockedUntil : forgetAt,
  };
}
