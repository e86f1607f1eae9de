import "server-only";
/**
 * The request layer of /api/v1 (docs/decisions/0045): every route handler there is `apiRoute(…)`,
 * which in this order
 * 0. refuses a client address that sent too many calls without a valid key (429, before any key is
 *    looked up: guessing and broken integrations are throttled per address);
 * 1. reads the key from `Authorization: Bearer <key>` (never from the query string, which proxies
 *    log) and refuses a missing, unknown, expired or revoked key with 401, counted against the
 *    client address;
 * 2. counts the call against the key's window (RateLimit-* headers on every answer, 429 over it);
 * 3. refuses a key without the route's scope with 403;
 * 4. for a write (`write` option): reads the body up to the route's ceiling (413 over it) and, when
 *    the client sent `Idempotency-Key`, claims it, replays its stored answer or refuses a reuse
 *    (lib/server/api/idempotency.ts, docs/decisions/0061);
 * 5. runs the handler with the key as Actor, and audits the call (route, status, rows) with the
 *    key as actor, moving its last-used time.
 * Errors are problem+json (lib/server/api/problem.ts). Reads the Request it is given, not
 * next/headers, so tests call the real handlers with a plain Request.
 */
import type { ApiScope } from "@/lib/config/api";
import { CLIENT_IP_HEADER } from "@/lib/http/client-ip";
import type { Actor } from "@/lib/server/actor";
import { readBodyCapped } from "@/lib/server/api/body";
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  IDEMPOTENCY_KEY_PATTERN,
  releaseIdempotencyKey,
  requestFingerprint,
} from "@/lib/server/api/idempotency";
import { checkApiKey, recordApiCall } from "@/lib/server/api/keys";
import { problemDetails, problemResponse, type ProblemDetails } from "@/lib/server/api/problem";
import { RATE_LIMIT_POLICIES } from "@/lib/config/rate-limits";
import {
  consumeRateQuota,
  rateLimitIpSubject,
  refundRateLimitHit,
  type RateQuota,
} from "@/lib/server/rate-limit/rate-limit";
import { describeClient } from "@/lib/server/request/client-info";
import { isDatabaseUnavailable, UNAVAILABLE_RETRY_AFTER_SECONDS } from "@/lib/db/unavailable";

export type ApiKeyActor = Extract<Actor, { kind: "apiKey" }>;

/** What a handler answers: a JSON body, or a problem; `subject` and `audit` go to the audit event. */
export type ApiAnswer =
  | {
      status?: number;
      body: unknown;
      subject?: string | null;
      audit?: Record<string, string | number | boolean | null>;
    }
  | { problem: ProblemDetails; subject?: string | null };

type Handler<P> = (ctx: {
  request: Request;
  actor: ApiKeyActor;
  params: P;
  /** The body of a write, read once within its ceiling; empty for a read. */
  body: Uint8Array;
}) => Promise<ApiAnswer>;

/** A write route: the largest body it takes; every write honours Idempotency-Key. */
type WriteOptions = { maxBodyBytes: number };
/** A write's answer as stored for replay: the body already serialised (`json`). */
type WriteAnswer = ApiAnswer & { json?: string; replayed?: boolean };

function rateLimitHeaders(quota: RateQuota, windowSeconds = 60): Record<string, string> {
  return {
    "RateLimit-Limit": String(quota.limit),
    "RateLimit-Remaining": String(quota.remaining),
    "RateLimit-Reset": String(quota.resetSeconds),
    "RateLimit-Policy": `${quota.limit};w=${windowSeconds}`,
  };
}

const KEYLESS = { policy: "apiKeylessIp", window: RATE_LIMIT_POLICIES.apiKeylessIp.windowSeconds } as const;

function rateLimited(quota: RateQuota, windowSeconds?: number): Response {
  return problemResponse(problemDetails("RATE_LIMITED"), {
    ...rateLimitHeaders(quota, windowSeconds),
    "Retry-After": String(quota.resetSeconds),
  });
}

function bearerKey(request: Request): string | null {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer ([\x21-\x7e]+)$/i.exec(header.trim());
  return match ? match[1]! : null;
}

/** Wraps a /api/v1 route handler: `export const GET = apiRoute({ route, scope }, handler)`. */
export function apiRoute<P>(
  opts: { route: string; scope: ApiScope; write?: WriteOptions },
  handler: Handler<P>,
) {
  const handle = async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    // Counted before the lookup and given back for a valid key: a burst of guesses from one
    // address gets no more lookups than the window allows, however parallel (rate-limit.ts).
    const address = rateLimitIpSubject(request.headers.get(CLIENT_IP_HEADER));
    const gate = await consumeRateQuota({ policy: KEYLESS.policy, subject: address });
    if (!gate.allowed) return rateLimited(gate, KEYLESS.window);
    const presented = bearerKey(request);
    const key = presented ? await checkApiKey(presented) : null;
    if (!key?.ok) {
      const problem = key
        ? problemDetails(key.code)
        : problemDetails("UNAUTHENTICATED", { detail: "Send Authorization: Bearer <key>." });
      return problemResponse(problem, rateLimitHeaders(gate, KEYLESS.window));
    }
    await refundRateLimitHit({ policy: KEYLESS.policy, subject: address });

    const actor: ApiKeyActor = {
      kind: "apiKey",
      apiKeyId: key.apiKeyId,
      client: describeClient(
        request.headers.get(CLIENT_IP_HEADER),
        request.headers.get("user-agent")?.slice(0, 512) ?? null,
      ),
    };
    const quota = await consumeRateQuota({ policy: "apiKey", subject: key.apiKeyId });
    const limitHeaders = rateLimitHeaders(quota);
    if (!quota.allowed) return rateLimited(quota);

    const call = { request, actor, params: await context.params };
    const answer: WriteAnswer = key.scopes.includes(opts.scope)
      ? await (opts.write
          ? runWrite(opts.write, call, handler)
          : handler({ ...call, body: new Uint8Array() }))
      : {
          problem: problemDetails("INSUFFICIENT_SCOPE", {
            detail: `This call needs the scope ${opts.scope}.`,
          }),
        };
    const status = "problem" in answer ? answer.problem.status : (answer.status ?? 200);
    await recordApiCall({
      actor,
      route: `${request.method} ${opts.route}`,
      status,
      subject: answer.subject ?? null,
      metadata:
        "problem" in answer
          ? { code: answer.problem.code }
          : { ...answer.audit, ...(answer.replayed ? { replayed: true } : {}) },
    });
    if ("problem" in answer) return problemResponse(answer.problem, limitHeaders);
    return new Response(answer.json ?? JSON.stringify(answer.body), {
      status,
      headers: {
        "Content-Type": "application/json",
        "Cache-Control": "no-store",
        ...(answer.replayed ? { "Idempotent-Replayed": "true" } : {}),
        ...limitHeaders,
      },
    });
  };
  // The database cannot answer: 503 with Retry-After, so a client retries (with its
  // Idempotency-Key) instead of treating it as a bug (docs/decisions/0073).
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      return await handle(request, context);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      return problemResponse(problemDetails("SERVICE_UNAVAILABLE"), {
        "Retry-After": String(UNAVAILABLE_RETRY_AFTER_SECONDS),
      });
    }
  };
}

/**
 * A write: the body within its ceiling, then the handler, under the Idempotency-Key if one was
 * sent. Only a success is stored for replay; a problem or a throw releases the key.
 */
async function runWrite<P>(
  write: WriteOptions,
  call: { request: Request; actor: ApiKeyActor; params: P },
  handler: Handler<P>,
): Promise<WriteAnswer> {
  const read = await readBodyCapped(call.request, write.maxBodyBytes);
  if (!read.ok)
    return {
      problem: problemDetails("PAYLOAD_TOO_LARGE", { detail: `At most ${write.maxBodyBytes} bytes.` }),
    };
  const key = call.request.headers.get("idempotency-key");
  if (key === null) return handler({ ...call, body: read.bytes });
  if (!IDEMPOTENCY_KEY_PATTERN.test(key))
    return {
      problem: problemDetails("VALIDATION_FAILED", {
        detail: "Idempotency-Key must be 1 to 255 visible ASCII characters.",
        errors: [{ path: "Idempotency-Key", message: "Invalid key" }],
      }),
    };
  const url = new URL(call.request.url);
  const claim = await claimIdempotencyKey({
    apiKeyId: call.actor.apiKeyId,
    key,
    requestHash: requestFingerprint(call.request.method, url.pathname + url.search, read.bytes),
  });
  if (claim.kind === "reused") return { problem: problemDetails("IDEMPOTENCY_KEY_REUSED") };
  if (claim.kind === "inUse") return { problem: problemDetails("IDEMPOTENCY_KEY_IN_USE") };
  if (claim.kind === "replay") return { status: claim.status, body: null, json: claim.body, replayed: true };
  let answer: WriteAnswer;
  try {
    answer = await handler({ ...call, body: read.bytes });
  } catch (error) {
    await releaseIdempotencyKey(claim.id);
    throw error;
  }
  if ("problem" in answer) await releaseIdempotencyKey(claim.id);
  else {
    const json = JSON.stringify(answer.body);
    await completeIdempotencyKey({ id: claim.id, status: answer.status ?? 200, body: json });
    answer = { ...answer, json };
  }
  return answer;
}
