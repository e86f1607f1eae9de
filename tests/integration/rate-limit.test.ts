/**
 * Throttling (docs/decisions/0005): wrong passwords on one account from many IPs, and on many accounts from
 * one IP, are throttled; the counters are shared by two app instances on one database.
 *
 * Which of the two options this test takes: it calls the limiter through two separate module
 * instances on the same database. The rate-limit module holds no client and no state of its own
 * (the database client is its first argument), so an "instance" is a separate Prisma client with
 * its own connection pool: `instanceA` and `instanceB` below, exactly what two app processes are to
 * the database. Hits are interleaved and run in parallel through both. Runs on SQLite and on
 * PostgreSQL (the integration-postgres project).
 */
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { RATE_LIMIT_POLICIES } from "@/lib/config/rate-limits";
import {
  consumeRateLimit,
  peekRateLimit,
  pruneRateLimitBuckets,
  rateLimitIpSubject,
  rateLimitKey,
  recordRateLimitHit,
  refundRateLimitHit,
  resetRateLimit,
  type RateDecision,
} from "@/lib/server/rate-limit/rate-limit";

// Two "app instances": two clients, two pools, one database.
const instanceA = createPrismaClient();
const instanceB = createPrismaClient();
afterAll(() => Promise.all([instanceA.$disconnect(), instanceB.$disconnect()]));

const account = () => `rl-${randomUUID()}@example.com`;
// Each "IP" a random /64 of the IPv6 documentation range (2^32 of them): practically unique.
const ip = () => {
  const [a, b] = [randomBytes(2).toString("hex"), randomBytes(2).toString("hex")];
  return rateLimitIpSubject(`2001:db8:${a}:${b}::1`);
};
const later = (from: Date, seconds: number) => new Date(from.getTime() + seconds * 1000);

/** One failed password attempt as the sign-in does it: both checks first, then both counters. */
async function failedSignIn(email: string, fromIp: string, now: Date) {
  const byAccount = await peekRateLimit({ policy: "signInAccount", subject: email, now }, { tx: instanceA });
  const byIp = await peekRateLimit({ policy: "signInIp", subject: fromIp, now }, { tx: instanceB });
  if (!byAccount.allowed || !byIp.allowed) return { byAccount, byIp };
  await recordRateLimitHit({ policy: "signInAccount", subject: email, now }, { tx: instanceA });
  await recordRateLimitHit({ policy: "signInIp", subject: fromIp, now }, { tx: instanceB });
  return { byAccount, byIp };
}

describe("sign-in throttling", () => {
  it("throttles wrong passwords on ONE account from MANY IPs by the account policy", async () => {
    const email = account();
    const ips = Array.from({ length: 12 }, ip);
    let now = new Date();
    // Failures 1–5 are free; each one comes from a different IP.
    for (const from of ips.slice(0, 5)) {
      expect(await failedSignIn(email, from, now)).toMatchObject({ byAccount: { allowed: true } });
    }
    // The 6th failure imposes a 2 s wait on the account, whatever IP comes next.
    await failedSignIn(email, ips[5]!, now);
    const waiting = await failedSignIn(email, ips[6]!, now);
    expect(waiting.byAccount).toEqual({ allowed: false, retryAfterSeconds: 2, locked: false });
    expect(waiting.byIp).toEqual({ allowed: true });

    // Doubling waits (4, 8, 16 s), then the 10th failure locks the account for 15 minutes.
    for (const [i, wait] of [2, 4, 8, 16].entries()) {
      now = later(now, wait);
      await failedSignIn(email, ips[6 + i]!, now);
    }
    const locked = await peekRateLimit({ policy: "signInAccount", subject: email, now }, { tx: instanceB });
    expect(locked).toEqual({ allowed: false, retryAfterSeconds: 15 * 60, locked: true });
    // Every IP involved saw a single failure: only the account policy could have stopped this.
    for (const from of ips.slice(0, 10)) {
      expect(await peekRateLimit({ policy: "signInIp", subject: from, now }, { tx: instanceA })).toEqual({
        allowed: true,
      });
    }
    // A successful sign-in after the lock resets the account counter.
    now = later(now, 15 * 60);
    expect(await peekRateLimit({ policy: "signInAccount", subject: email, now }, { tx: instanceA })).toEqual({
      allowed: true,
    });
    await resetRateLimit({ policy: "signInAccount", subject: email }, { tx: instanceB });
    expect(
      await instanceA.rateLimitBucket.count({ where: { key: rateLimitKey("signInAccount", email) } }),
    ).toBe(0);
  });

  it("throttles failures from ONE IP over MANY accounts by the IP policy, up to its lock at 100", async () => {
    const from = ip();
    let now = new Date();
    const free = RATE_LIMIT_POLICIES.signInIp.freeFailures;
    for (let i = 0; i < free; i++) {
      expect(await failedSignIn(account(), from, now)).toMatchObject({ byIp: { allowed: true } });
    }
    await failedSignIn(account(), from, now); // the 31st failure starts the waits
    const waiting = await failedSignIn(account(), from, now);
    expect(waiting.byIp).toEqual({ allowed: false, retryAfterSeconds: 2, locked: false });
    expect(waiting.byAccount).toEqual({ allowed: true }); // a fresh account: only the IP policy stops it

    // Go on to failure 100, always waiting exactly as long as told.
    for (let failures = free + 1; failures < 100; failures++) {
      const decision = await peekRateLimit({ policy: "signInIp", subject: from, now }, { tx: instanceA });
      if (!decision.allowed) now = later(now, decision.retryAfterSeconds);
      await failedSignIn(account(), from, now);
    }
    expect(await peekRateLimit({ policy: "signInIp", subject: from, now }, { tx: instanceB })).toEqual({
      allowed: false,
      retryAfterSeconds: 15 * 60,
      locked: true,
    });
  });

  it("locks an account until reset at its 100th consecutive failure (NIST SP 800-63B-4)", async () => {
    const email = account();
    let now = new Date();
    let decision: RateDecision = { allowed: true };
    for (let failures = 1; failures <= 100; failures++) {
      if (!decision.allowed) now = later(now, decision.retryAfterSeconds); // wait exactly as told
      decision = await recordRateLimitHit(
        { policy: "signInAccount", subject: email, now },
        { tx: failures % 2 ? instanceA : instanceB },
      );
      if (failures > 5 && failures < 100) {
        expect(decision).toMatchObject({ allowed: false, locked: failures >= 10 });
        expect(decision.allowed || decision.untilReset).toBeFalsy();
      }
    }
    expect(decision).toMatchObject({ allowed: false, locked: true, untilReset: true });
    const aMonthLater = later(now, 30 * 24 * 3600);
    expect(
      await peekRateLimit({ policy: "signInAccount", subject: email, now: aMonthLater }, { tx: instanceB }),
    ).toMatchObject({
      allowed: false,
      untilReset: true,
    });
    await resetRateLimit({ policy: "signInAccount", subject: email }, { tx: instanceA }); // e.g. a completed password reset
    expect(
      await peekRateLimit({ policy: "signInAccount", subject: email, now: aMonthLater }, { tx: instanceB }),
    ).toEqual({ allowed: true });
  });
});

describe("counters shared by two app instances (two Prisma clients) on one database", () => {
  it("counts every hit made in parallel through both instances", async () => {
    const email = account();
    const now = new Date();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        recordRateLimitHit(
          { policy: "signInAccount", subject: email, now },
          { tx: i % 2 ? instanceA : instanceB },
        ),
      ),
    );
    const row = await instanceA.rateLimitBucket.findUniqueOrThrow({
      where: { key: rateLimitKey("signInAccount", email) },
    });
    expect(row.consecutiveFailures).toBe(40); // no lost update
    expect(
      await peekRateLimit({ policy: "signInAccount", subject: email, now }, { tx: instanceB }),
    ).toMatchObject({
      allowed: false,
      locked: true,
    });
  });

  it("lets exactly the limit through when both instances consume in parallel", async () => {
    const from = ip();
    const now = new Date();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        consumeRateLimit({ policy: "register", subject: from, now }, { tx: i % 2 ? instanceA : instanceB }),
      ),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(RATE_LIMIT_POLICIES.register.limit);
    expect(results.find((r) => !r.allowed)).toEqual({
      allowed: false,
      retryAfterSeconds: 3600,
      locked: false,
    });
    const row = await instanceB.rateLimitBucket.findUniqueOrThrow({
      where: { key: rateLimitKey("register", from) },
    });
    expect(row.count).toBe(10);
  });

  it("stops a parallel burst of password guesses when attempts are consumed before checking", async () => {
    const email = account();
    const now = new Date();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        consumeRateLimit(
          { policy: "signInAccount", subject: email, now },
          { tx: i % 2 ? instanceA : instanceB },
        ),
      ),
    );
    // 5 free failures plus the 6th, which sets the first wait; all others are refused.
    expect(results.filter((r) => r.allowed)).toHaveLength(6);
    // The race-free flow with a correct password: both counted up front, then the account
    // counter cleared and the IP's advance failure taken back.
    const from = ip();
    const fresh = account();
    expect(await consumeRateLimit({ policy: "signInIp", subject: from, now }, { tx: instanceA })).toEqual({
      allowed: true,
    });
    expect(
      await consumeRateLimit({ policy: "signInAccount", subject: fresh, now }, { tx: instanceA }),
    ).toEqual({ allowed: true });
    await resetRateLimit({ policy: "signInAccount", subject: fresh }, { tx: instanceB });
    await refundRateLimitHit({ policy: "signInIp", subject: from, now }, { tx: instanceB });
    expect(
      await instanceA.rateLimitBucket.count({ where: { key: rateLimitKey("signInAccount", fresh) } }),
    ).toBe(0);
    const ipRow = await instanceA.rateLimitBucket.findUniqueOrThrow({
      where: { key: rateLimitKey("signInIp", from) },
    });
    expect(ipRow.consecutiveFailures).toBe(0);
  });
});

describe("windows and cleanup", () => {
  it("reopens a window after it ends, and prunes only expired buckets", async () => {
    const from = ip();
    const start = new Date(Date.now() - 2 * 3600 * 1000); // a window that ended an hour ago
    for (let i = 0; i < 10; i++)
      expect(
        await consumeRateLimit({ policy: "register", subject: from, now: start }, { tx: instanceA }),
      ).toMatchObject({ allowed: true });
    const almost = later(start, 3599);
    expect(
      await consumeRateLimit({ policy: "register", subject: from, now: almost }, { tx: instanceB }),
    ).toEqual({
      allowed: false,
      retryAfterSeconds: 1,
      locked: false,
    });
    expect(
      await peekRateLimit({ policy: "register", subject: from, now: later(start, 3600) }, { tx: instanceB }),
    ).toEqual({ allowed: true });

    const live = ip();
    await consumeRateLimit({ policy: "register", subject: live }, { tx: instanceA });
    const expiredKey = rateLimitKey("register", from);
    expect(expiredKey).toMatch(/^register:[0-9a-f]{64}$/); // the IP itself is not stored
    expect(await pruneRateLimitBuckets({}, { tx: instanceB })).toBeGreaterThanOrEqual(1);
    expect(await instanceA.rateLimitBucket.count({ where: { key: expiredKey } })).toBe(0);
    expect(await instanceA.rateLimitBucket.count({ where: { key: rateLimitKey("register", live) } })).toBe(1);
  });
});
