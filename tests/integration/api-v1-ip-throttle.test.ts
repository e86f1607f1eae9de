/**
 * The machine API's throttle per client address for calls without a valid key (docs/decisions/
 * 0045), through the real route handler on SQLite and PostgreSQL: wrong, missing, expired or
 * revoked keys count against the address; once its window is used up, the address gets 429
 * problem+json with RateLimit-* headers before any key is looked up (a valid key too), while other
 * addresses and calls with a valid key are not affected.
 */
import { randomInt } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { GET as audienceGET } from "@/app/api/v1/audiences/[purpose]/route";
import { RATE_LIMIT_POLICIES } from "@/lib/config/rate-limits";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { CLIENT_IP_HEADER } from "@/lib/http/client-ip";
import { apiKey, callApi } from "../support/marketing";

const db = createPrismaClient();
afterAll(() => db.$disconnect());

const LIMIT = RATE_LIMIT_POLICIES.apiKeylessIp.limit;
const PUSH = { purpose: "marketing_push" };
/** An address of this run only (TEST-NET-3 and 2001:db8::/32), so reruns on one database start fresh. */
const address = () => `203.0.${randomInt(0, 255)}.${randomInt(1, 255)}`;
const call = (ip: string, key?: string) =>
  callApi(audienceGET, "/api/v1/audiences/marketing_push", PUSH, key, { [CLIENT_IP_HEADER]: ip });
const guess = () => `kp_${"0".repeat(8)}_${"A".repeat(43)}`;

describe("GET /api/v1 without a valid key, per client address", () => {
  it("[ATTACKER] guessing keys from one address ends in 429 before any key is looked up", async () => {
    const ip = address();
    const { key } = await apiKey(db, ["audiences:read"]);
    for (let i = 0; i < LIMIT; i++) {
      const answer = await call(ip, i % 2 === 0 ? guess() : undefined);
      expect(answer.status).toBe(401);
      expect(answer.headers.get("ratelimit-remaining")).toBe(String(LIMIT - i - 1));
    }
    const refused = await call(ip, guess());
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(refused.body).toMatchObject({ status: 429, code: "RATE_LIMITED" });
    expect(refused.headers.get("ratelimit-limit")).toBe(String(LIMIT));
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    // Refused before the lookup: even the right key gets no answer from this address now.
    expect((await call(ip, key)).status).toBe(429);
    // Another address is not affected.
    expect((await call(address(), key)).status).toBe(200);
  });

  it("calls with a valid key do not use up the address's allowance", async () => {
    const ip = `2001:db8:${randomInt(1, 0xffff).toString(16)}::1`;
    const { key } = await apiKey(db, ["audiences:read"]);
    for (let i = 0; i < LIMIT - 1; i++) expect((await call(ip, guess())).status).toBe(401);
    for (let i = 0; i < 3; i++) expect((await call(ip, key)).status).toBe(200);
    expect((await call(ip, guess())).status).toBe(401);
    expect((await call(ip, guess())).status).toBe(429);
  });
});
