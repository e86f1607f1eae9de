/**
 * The machine API's door (docs/decisions/0045), through the real route handlers on SQLite and
 * PostgreSQL: a key with audiences:read pages through an audience with a cursor; no key, a key in
 * the query string, a key without the scope, an expired and a revoked key are refused with
 * problem+json; every answer carries RateLimit-* headers and the window ends in 429; every call is
 * audited with the key as actor.
 */
import { afterAll, describe, expect, it } from "vitest";
import { GET as audienceGET } from "@/app/api/v1/audiences/[purpose]/route";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { revokeApiKey } from "@/lib/server/api/keys";
import { recordRateLimitHit } from "@/lib/server/rate-limit/rate-limit";
import { adminActor, apiKey, callApi, consentingCustomer } from "../support/marketing";

const db = createPrismaClient();
afterAll(() => db.$disconnect());

const PUSH = { purpose: "marketing_push" };
const audience = (key?: string, query = "") =>
  callApi(audienceGET, `/api/v1/audiences/marketing_push${query}`, PUSH, key);

function expectProblem(answer: Awaited<ReturnType<typeof audience>>, status: number, code: string): void {
  expect(answer.status).toBe(status);
  expect(answer.headers.get("content-type")).toBe("application/problem+json");
  expect(answer.body).toMatchObject({ status, code, type: `/api/v1/docs#problem-${code.toLowerCase()}` });
  expect(typeof answer.body.title).toBe("string");
}

describe("GET /api/v1/audiences/{purpose} with an API key", () => {
  it("pages through the audience with a cursor: every member once, in order, then no cursor", async () => {
    const members = await Promise.all(
      Array.from({ length: 5 }, () => consentingCustomer(db, { purpose: "marketing_push" })),
    );
    const { key } = await apiKey(db, ["audiences:read"]);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const answer = await audience(key, `?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(answer.status).toBe(200);
      const data = answer.body.data as { id: string }[];
      expect(data.length).toBeLessThanOrEqual(2);
      seen.push(...data.map((m) => m.id));
      cursor = answer.body.nextCursor as string | null;
      pages += 1;
    } while (cursor && pages < 1000);
    expect(cursor).toBeNull();
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(seen);
    for (const member of members) expect(seen).toContain(member.id);
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  it("answers only the fields marketing may use, and audits the call with the key as actor", async () => {
    const member = await consentingCustomer(db, { purpose: "marketing_push", locale: "en" });
    const created = await apiKey(db, ["audiences:read"]);
    const answer = await audience(created.key, "?language=en&limit=1000");
    expect(answer.status).toBe(200);
    const row = (answer.body.data as Record<string, unknown>[]).find((m) => m.id === member.id);
    expect(row).toEqual({
      id: member.id,
      email: member.email,
      firstName: "Erika",
      language: "en",
      topics: [],
    });
    const event = await db.auditEvent.findFirstOrThrow({
      where: { type: "api.request", actorId: created.id },
      orderBy: { sequence: "desc" },
    });
    expect(event).toMatchObject({ actorRole: "API_KEY", targetId: "GET /api/v1/audiences/{purpose}" });
    expect(event.metadata).toMatchObject({ status: 200, purpose: "marketing_push" });
    const stored = await db.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.lastUsedAt).not.toBeNull();
  });

  it("sends RateLimit-* headers and refuses with 429 and Retry-After once the window is used up", async () => {
    const created = await apiKey(db, ["audiences:read"]);
    const first = await audience(created.key, "?limit=1");
    expect(first.headers.get("ratelimit-limit")).toBe("120");
    expect(first.headers.get("ratelimit-remaining")).toBe("119");
    expect(Number(first.headers.get("ratelimit-reset"))).toBeGreaterThan(0);
    const second = await audience(created.key, "?limit=1");
    expect(second.headers.get("ratelimit-remaining")).toBe("118");
    for (let i = 0; i < 118; i++)
      await recordRateLimitHit({ policy: "apiKey", subject: created.id }, { tx: db });
    const refused = await audience(created.key, "?limit=1");
    expectProblem(refused, 429, "RATE_LIMITED");
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("[ATTACKER] without a key, or with the key in the query string, gets 401 problem+json", async () => {
    const { key } = await apiKey(db, ["audiences:read"]);
    expectProblem(await audience(), 401, "UNAUTHENTICATED");
    const inQuery = await audience(undefined, `?api_key=${key}&access_token=${key}`);
    expectProblem(inQuery, 401, "UNAUTHENTICATED");
    expect(inQuery.headers.get("www-authenticate")).toBe('Bearer realm="api"');
    const basic = await callApi(audienceGET, "/api/v1/audiences/marketing_push", PUSH, undefined, {
      authorization: `Basic ${Buffer.from(`x:${key}`).toString("base64")}`,
    });
    expectProblem(basic, 401, "UNAUTHENTICATED");
    expectProblem(await audience(`${key}x`), 401, "UNAUTHENTICATED");
  });

  it("[ATTACKER] a key without audiences:read gets 403 and no data, and the refusal is audited", async () => {
    await consentingCustomer(db, { purpose: "marketing_push" });
    const created = await apiKey(db, ["consents:read"]);
    const answer = await audience(created.key);
    expectProblem(answer, 403, "INSUFFICIENT_SCOPE");
    expect(answer.body.data).toBeUndefined();
    const event = await db.auditEvent.findFirstOrThrow({
      where: { type: "api.request", actorId: created.id },
    });
    expect(event.metadata).toMatchObject({ status: 403, code: "INSUFFICIENT_SCOPE" });
  });

  it("[ATTACKER] an expired key gets 401 KEY_EXPIRED", async () => {
    const created = await apiKey(db, ["audiences:read"]);
    await db.apiKey.update({ where: { id: created.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expectProblem(await audience(created.key), 401, "KEY_EXPIRED");
  });

  it("[ATTACKER] a revoked key gets 401 KEY_REVOKED from the next call on", async () => {
    const created = await apiKey(db, ["audiences:read"]);
    expect((await audience(created.key, "?limit=1")).status).toBe(200);
    expect(await revokeApiKey({ actor: await adminActor(db), id: created.id }, { tx: db })).toEqual({
      ok: true,
    });
    expectProblem(await audience(created.key), 401, "KEY_REVOKED");
  });

  it("refuses bad parameters with 400 naming the field, and an unknown or contract purpose with 404", async () => {
    const { key } = await apiKey(db, ["audiences:read"]);
    const bad = await audience(key, "?channel=FAX&limit=0");
    expectProblem(bad, 400, "VALIDATION_FAILED");
    const paths = (bad.body.errors as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual(["channel", "limit"]);
    for (const purpose of ["unknown_purpose", "terms", "sepa_mandate", "../admin"]) {
      const answer = await callApi(audienceGET, `/api/v1/audiences/${purpose}`, { purpose }, key);
      expectProblem(answer, 404, "NOT_FOUND");
    }
  });
});
