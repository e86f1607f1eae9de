/**
 * Risk signals that count, from real rows on SQLite and PostgreSQL: failures per account and per IP
 * in the recent window, and distinct accounts from one IP in the last hour.
 */
import { afterAll, describe, expect, it } from "vitest";
import { assessSignInRisk } from "@/lib/server/risk/assess";
import { collectRiskSignals } from "@/lib/server/risk/signals";
import type { SignInResult } from "@/lib/generated/prisma-sqlite/client";
import {
  db,
  BERLIN,
  unique,
  uniqueIp,
  NOW,
  hoursAgo,
  minutesAgo,
  createUser,
  attempt,
  customerSeenInBerlin,
} from "../support/risk-history";

afterAll(() => db.$disconnect());

describe("risk signals", () => {
  it("counts recent failures per account and per IP", async () => {
    const { user, cookie } = await customerSeenInBerlin();
    const ip = uniqueIp();
    const mine = { userId: user.id, email: user.emailNormalized };
    for (const minutes of [1, 5, 14])
      await attempt({ ...mine, result: "INVALID_CREDENTIALS", ip, at: minutesAgo(minutes) });
    await attempt({ ...mine, result: "SECOND_FACTOR_FAILED", ip, at: minutesAgo(2) });
    await attempt({ ...mine, result: "INVALID_CREDENTIALS", ip: uniqueIp(), at: minutesAgo(3) }); // account, other IP
    await attempt({ ...mine, result: "INVALID_CREDENTIALS", ip, at: minutesAgo(20) }); // outside the window
    await attempt({ ...mine, result: "BLOCKED_BY_RISK", ip, at: minutesAgo(4) }); // a block is not a failure
    await attempt({
      email: `nobody.${unique()}@example.com`,
      result: "INVALID_CREDENTIALS",
      ip,
      at: minutesAgo(6),
    });
    await attempt({
      email: `nobody.${unique()}@example.com`,
      result: "INVALID_CREDENTIALS",
      ip,
      at: minutesAgo(7),
    });

    const signals = await collectRiskSignals(
      {
        userId: user.id,
        deviceCookieId: cookie,
        ip,
        location: BERLIN,
        now: NOW,
      },
      { tx: db },
    );
    expect(signals.accountRecentFailures).toBe(5);
    expect(signals.ipRecentFailures).toBe(6);
    const noIp = await collectRiskSignals(
      {
        userId: user.id,
        deviceCookieId: cookie,
        ip: null,
        location: null,
        now: NOW,
      },
      { tx: db },
    );
    expect(noIp).toMatchObject({ accountRecentFailures: 5, ipRecentFailures: 0, accountsFromIp: 0 });
  });

  it("counts distinct accounts from one IP in the last hour", async () => {
    const { user, cookie } = await customerSeenInBerlin();
    const ip = uniqueIp();
    for (let i = 0; i < 3; i++) {
      const other = await createUser();
      const result: SignInResult = i === 0 ? "SUCCEEDED" : "INVALID_CREDENTIALS";
      await attempt({ userId: other.id, email: other.emailNormalized, result, ip, at: minutesAgo(10 + i) });
      await attempt({ userId: other.id, email: other.emailNormalized, result, ip, at: minutesAgo(20 + i) });
    }
    const stranger = `nobody.${unique()}@example.com`;
    await attempt({ email: stranger, result: "INVALID_CREDENTIALS", ip, at: minutesAgo(30) });
    await attempt({ email: stranger, result: "INVALID_CREDENTIALS", ip, at: minutesAgo(31) });
    await attempt({
      email: `nobody.${unique()}@example.com`,
      result: "INVALID_CREDENTIALS",
      ip,
      at: minutesAgo(40),
    });
    const late = await createUser();
    await attempt({ userId: late.id, email: late.emailNormalized, result: "SUCCEEDED", ip, at: hoursAgo(2) }); // outside
    await attempt({
      userId: user.id,
      email: user.emailNormalized,
      result: "INVALID_CREDENTIALS",
      ip,
      at: minutesAgo(5),
    });

    const signals = await collectRiskSignals(
      {
        userId: user.id,
        deviceCookieId: cookie,
        ip,
        location: BERLIN,
        now: NOW,
      },
      { tx: db },
    );
    // Three other customers, two unknown addresses, and this customer.
    expect(signals.accountsFromIp).toBe(6);
    const assessment = await assessSignInRisk(
      {
        userId: user.id,
        deviceCookieId: null,
        ip,
        location: BERLIN,
        now: NOW,
      },
      { tx: db },
    );
    expect(assessment.decision).toMatchObject({
      level: "MEDIUM",
      reasons: ["NEW_DEVICE", "MANY_ACCOUNTS_FROM_IP"],
    });
    expect(assessment.description.en).toContain(
      "6 different accounts from this IP address in the last 60 minutes",
    );
  });
});
