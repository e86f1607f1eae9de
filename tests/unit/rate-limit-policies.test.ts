import { describe, expect, it } from "vitest";
import { afterHit, afterRefund, decide, type BucketState } from "@/lib/server/rate-limit/bucket-state";
import { rateLimitIpSubject } from "@/lib/server/rate-limit/ip-subject";
import {
  assertValidPolicy,
  failureSchedule,
  NIST_MAX_CONSECUTIVE_FAILURES,
  RATE_LIMIT_POLICIES,
  UNTIL_RESET_LOCK_SECONDS,
  type FailurePolicy,
} from "@/lib/config/rate-limits";

const MIN = 60;
const HARD = UNTIL_RESET_LOCK_SECONDS;

describe("failure delay schedule", () => {
  // [consecutive failures, wait in seconds afterwards, locked, until reset]
  const signInAccount: [number, number, boolean, boolean][] = [
    [1, 0, false, false],
    [5, 0, false, false],
    [6, 2, false, false],
    [7, 4, false, false],
    [8, 8, false, false],
    [9, 16, false, false],
    [10, 15 * MIN, true, false],
    [11, 15 * MIN, true, false],
    [99, 15 * MIN, true, false],
    [100, HARD, true, true],
    [150, HARD, true, true],
  ];
  it.each(signInAccount)(
    "signInAccount after %i failures: wait %i s, locked %s, until reset %s",
    (n, wait, locked, untilReset) => {
      expect(failureSchedule(RATE_LIMIT_POLICIES.signInAccount, n)).toEqual({
        waitSeconds: wait,
        locked,
        untilReset,
      });
    },
  );

  const signInIp: [number, number, boolean][] = [
    [30, 0, false],
    [31, 2, false],
    [32, 4, false],
    [38, 256, false],
    [39, 5 * MIN, false],
    [99, 5 * MIN, false],
    [100, 15 * MIN, true],
    [1000, 15 * MIN, true],
  ];
  it.each(signInIp)("signInIp after %i failures: wait %i s, locked %s", (n, wait, locked) => {
    expect(failureSchedule(RATE_LIMIT_POLICIES.signInIp, n)).toEqual({
      waitSeconds: wait,
      locked,
      untilReset: false,
    });
  });

  it("never allows more than 100 consecutive failures without a lock, for every failure policy", () => {
    for (const policy of Object.values(RATE_LIMIT_POLICIES)) {
      if (policy.kind !== "failures") continue;
      expect(failureSchedule(policy, NIST_MAX_CONSECUTIVE_FAILURES).locked).toBe(true);
      if (policy.subject === "account") expect(failureSchedule(policy, 100).untilReset).toBe(true);
    }
  });

  it("rejects a policy that would break the NIST bound or make no sense", () => {
    const base = RATE_LIMIT_POLICIES.signInIp as FailurePolicy;
    expect(() => assertValidPolicy("x", { ...base, lockAtFailures: 101 })).toThrow(/≤ 100/);
    expect(() => assertValidPolicy("x", { ...base, freeFailures: 100 })).toThrow(/below lockAtFailures/);
    expect(() => assertValidPolicy("x", { ...base, subject: "account" })).toThrow(/until reset/);
    expect(() =>
      assertValidPolicy("x", { kind: "window", subject: "ip", limit: 0, windowSeconds: 60 }),
    ).toThrow(/limit/);
  });
});

describe("bucket state", () => {
  const t0 = new Date("2026-01-01T00:00:00Z");
  const at = (s: number) => new Date(t0.getTime() + s * 1000);

  it("counts a fixed window from its first attempt and reopens when it ends", () => {
    const policy = RATE_LIMIT_POLICIES.passwordResetAccount; // 3 per 15 minutes
    let state: BucketState | null = null;
    for (let i = 0; i < 3; i++) {
      expect(decide(policy, state, at(i))).toEqual({ allowed: true });
      state = afterHit(policy, state, at(i));
    }
    expect(decide(policy, state, at(60))).toEqual({
      allowed: false,
      retryAfterSeconds: 15 * MIN - 60,
      locked: false,
    });
    expect(decide(policy, state, at(15 * MIN - 0.2))).toMatchObject({ retryAfterSeconds: 1 }); // never 0
    expect(decide(policy, state, at(15 * MIN))).toEqual({ allowed: true });
    expect(afterHit(policy, state, at(15 * MIN))).toMatchObject({ count: 1, windowStartedAt: at(15 * MIN) });
  });

  it("waits after failures, forgets them after the policy's time, and refunds a counted attempt", () => {
    const policy = RATE_LIMIT_POLICIES.signInIp;
    let state: BucketState | null = null;
    for (let i = 0; i < 32; i++) state = afterHit(policy, state, t0);
    expect(decide(policy, state, t0)).toEqual({ allowed: false, retryAfterSeconds: 4, locked: false });
    expect(decide(policy, state, at(4))).toEqual({ allowed: true });
    // Refund of the 32nd: the wait the 31st imposes (2 s from now) replaces the longer one.
    expect(afterRefund(policy, state, t0)).toMatchObject({ consecutiveFailures: 31, lockedUntil: at(2) });
    // 15 minutes without a failure: forgotten, the next failure is the first again.
    expect(decide(policy, state, at(15 * MIN))).toEqual({ allowed: true });
    expect(afterHit(policy, state, at(15 * MIN))).toMatchObject({
      consecutiveFailures: 1,
      lockedUntil: null,
    });
  });

  it("keeps an until-reset lock alive however long nobody tries", () => {
    const policy = RATE_LIMIT_POLICIES.signInAccount;
    let state: BucketState | null = null;
    for (let i = 0; i < 100; i++) state = afterHit(policy, state, t0);
    expect(decide(policy, state, at(300 * 24 * 3600))).toMatchObject({
      allowed: false,
      locked: true,
      untilReset: true,
    });
  });
});

describe("rateLimitIpSubject", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    [" 203.0.113.7 ", "203.0.113.7"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["::ffff:cb00:7107", "203.0.113.7"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:DB8:1:2::99", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    [null, "unknown"],
    ["", "unknown"],
    ["not-an-ip", "not-an-ip"],
  ])("%s → %s", (ip, subject) => {
    expect(rateLimitIpSubject(ip)).toBe(subject);
  });
});
