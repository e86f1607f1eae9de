/**
 * The machine API's policy (docs/decisions/0045): the scopes a key may hold, how long keys live,
 * and how large a page is. Plain module: the admin form, the schemas and the server read it.
 */

/**
 * What a key may do. `orders:write` is reserved for the order API that reuses these keys; a key
 * can hold it before any route asks for it.
 */
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
