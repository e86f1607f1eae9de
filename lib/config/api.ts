/**
 * The machine API's policy (docs/decisions/0045): the scopes a key may hold, how long keys live,
 * and how large a page is. Plain module: the admin form, the schemas and the server read it.
 */

/** What a key may do: read consented audiences or a customer's consents, feed the shop's orders. */
export const API_SCOPES = ["audiences:read", "consents:read", "orders:write"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export function isApiScope(value: unknown): value is ApiScope {
  return typeof value === "string" && (API_SCOPES as readonly string[]).includes(value);
}

/** The lifetimes an admin chooses from, in days; no key lives for ever (a leaked key expires). */
export const API_KEY_LIFETIME_DAYS = [30, 90, 365] as const;
export type ApiKeyLifetimeDays = (typeof API_KEY_LIFETIME_DAYS)[number];

/** Keys look like `kp_<prefix>_<secret>`: the prefix is shown in lists, the whole key only once. */
export const API_KEY_PREFIX = "kp_";

/**
 * How long the answer to a write with an Idempotency-Key is replayed (docs/decisions/0061): a
 * day covers a client's retries after an outage; afterwards the key may be used afresh.
 */
export const IDEMPOTENCY_KEY_TTL_HOURS = 24;

/** Page sizes of list endpoints: the default, and the most a client may ask for. */
export const API_PAGE_SIZE = { default: 100, max: 1000 } as const;

/**
 * Every refusal of /api/v1 by its stable code (lib/server/api/problem.ts answers with it as
 * RFC 9457 problem details; the OpenAPI document lists the codes from here).
 */
export const API_PROBLEMS = {
  UNAUTHENTICATED: { status: 401, title: "Authentication required" },
  KEY_EXPIRED: { status: 401, title: "API key expired" },
  KEY_REVOKED: { status: 401, title: "API key revoked" },
  INSUFFICIENT_SCOPE: { status: 403, title: "Scope missing" },
  NOT_FOUND: { status: 404, title: "Not found" },
  VALIDATION_FAILED: { status: 400, title: "Invalid request" },
  RATE_LIMITED: { status: 429, title: "Too many requests" },
  // Writes (orders, docs/decisions/0060 and 0061)
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: "Idempotency-Key used for another request" },
  IDEMPOTENCY_KEY_IN_USE: { status: 409, title: "A request with this Idempotency-Key is still running" },
  CUSTOMER_UNKNOWN: { status: 422, title: "No verified customer matches" },
  ORDER_OF_ANOTHER_CUSTOMER: { status: 409, title: "The order belongs to another customer" },
  PAYLOAD_TOO_LARGE: { status: 413, title: "Request body too large" },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: "Unsupported media type" },
  // The database cannot answer; Retry-After says when to try again (docs/decisions/0073).
  SERVICE_UNAVAILABLE: { status: 503, title: "Service temporarily unavailable" },
} as const;
export type ApiProblemCode = keyof typeof API_PROBLEMS;
/** The codes, for the OpenAPI schema of a problem (lib/schemas/api-responses.ts). */
export const API_PROBLEM_CODES = Object.keys(API_PROBLEMS) as [ApiProblemCode, ...ApiProblemCode[]];
