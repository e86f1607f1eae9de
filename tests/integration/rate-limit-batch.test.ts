/**
 * Several limiters in one transaction (consumeRateLimits, issue 16): a password sign-in counts its
 * account and IP buckets together. Each bucket must be decided and counted exactly as
 * consumeRateLimit decides and counts it alone, and a parallel burst through two app instances
 * (two Prisma clients, as in rate-limit.test.ts) must get past no more often, whatever order its
 * requests name the buckets in. Runs on SQLite and on PostgreSQL.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma-client";
import {
  consumeRateLimit,
  consumeRateLimits,
  rateLimitIpSubject,
  rateLimitKey,
  type RateLimitPolicyName,
} from "@/lib/server/rate-limit/rate-limit";

const instanceA = createPrismaClient();
const instanceB = createPrismaClient();
afterAll(() => Promise.all([instanceA.$disconnect(), instanceB.$disconnect()]));

const account = () => `rlb-${randomUUID()}@example.com`;
const ip = () =>
  rateLimitIpSubject(`2001:db8:${randomBytes(2).toString("hex")}:${randomBytes(2).toString("hex")}::1`);
const later = (from: Date, seconds: number) => new Date(from.getTime() + seconds * 1000);

const bucketRow = (policy: RateLimitPolicyName, subject: string) =>
  instanceA.rateLimitBucket.findUniqueOrThrow({
    where: { key: rateLimitKey(policy, subject) },
    select: {
      count: true,
      consecutiveFailures: true,
      windowStartedAt: true,
      lockedUntil: true,
      expiresAt: true,
    },
  });

describe("a sign-in's limiters in one transaction", () => {
  it("decides and counts each bucket as consumeRateLimit alone would, through either instance", async () => {
    const start = new Date();
    const [email, from] = [account(), ip()];
    const [emailAlone, fromAlone] = [account(), ip()];
    // Past the account's free failures into its waits, while the IP bucket still allows: the
    // refused account bucket counts nothing, the IP bucket still counts.
    for (let i = 0; i < 9; i++) {
      const now = later(start, i);
      const together = await consumeRateLimits(
        {
          buckets: [
            { policy: "signInAccount", subject: email },
            { policy: "signInIp", subject: from },
          ],
          now,
        },
        { tx: i % 2 ? instanceA : instanceB },
      );
      const alone = [
        await consumeRateLimit({ policy: "signInAccount", subject: emailAlone, now }, { tx: instanceA }),
        await consumeRateLimit({ policy: "signInIp", subject: fromAlone, now }, { tx: instanceB }),
      ];
      expect(together, `attempt ${i + 1}`).toEqual(alone);
    }
    expect(await bucketRow("signInAccount", email)).toEqual(await bucketRow("signInAccount", emailAlone));
    expect(await bucketRow("signInIp", from)).toEqual(await bucketRow("signInIp", fromAlone));
    expect((await bucketRow("signInAccount", email)).consecutiveFailures).toBeLessThan(9);
    expect((await bucketRow("signInIp", from)).consecutiveFailures).toBe(9);
  });

  it("[ATTACKER] a parallel burst through two instances, naming the buckets in either order, gets past the account limit no more often", async () => {
    const [email, from, now] = [account(), ip(), new Date()];
    const buckets: { policy: RateLimitPolicyName; subject: string }[] = [
      { policy: "signInAccount", subject: email },
      { policy: "signInIp", subject: from },
    ];
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => {
        const reversed = i % 4 >= 2;
        return consumeRateLimits(
          { buckets: reversed ? [...buckets].reverse() : buckets, now },
          { tx: i % 2 ? instanceA : instanceB },
        ).then((decisions) => (reversed ? decisions[1]! : decisions[0]!));
      }),
    );
    // 5 free failures plus the 6th, which sets the first wait; all others are refused.
    expect(results.filter((d) => d.allowed)).toHaveLength(6);
    expect((await bucketRow("signInAccount", email)).consecutiveFailures).toBe(6);
    // The IP bucket allows 30 free failures: every attempt was counted there, none twice.
    expect((await bucketRow("signInIp", from)).consecutiveFailures).toBe(30);
  });
});
