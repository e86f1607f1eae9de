import "server-only";
/**
 * The claim of an idempotency key, shared by the machine API's keys (decision 0061) and the
 * customer forms' keys (0072); each owns its table and what it stores as the answer:
 * - the first caller inserts the row (the unique index decides a race on both databases);
 * - an expired row is deleted on contact and the key starts afresh;
 * - another request under the key is "reused"; a stored answer is replayed;
 * - an unanswered claim younger than the lease is "in use"; an older one was abandoned (its process
 *   died) and is taken over by exactly one retry (the takeover is conditional on its createdAt).
 */
import { isUniqueViolation } from "@/lib/db/db-retry";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";

/** How long a running first request holds its key before a retry may take it over. */
const IN_FLIGHT_LEASE_MS = 60 * 1000;

export type KeyRow<Answer> = {
  id: string;
  requestHash: string;
  createdAt: Date;
  expiresAt: Date;
  /** The stored answer of a completed claim, null while the first request runs. */
  answer: Answer | null;
};

/** One table's operations on the row of the key being claimed. */
export type KeyStore<Answer> = {
  /** Inserts the claim and returns its id; throws a unique violation when the key has a row. */
  insert(expiresAt: Date): Promise<string>;
  find(): Promise<KeyRow<Answer> | null>;
  /** Deletes the row if it is still the expired one that was read. */
  deleteExpired(row: KeyRow<Answer>): Promise<void>;
  /** Moves an abandoned, unanswered claim's createdAt to `now`; false when another retry was first. */
  takeOver(row: KeyRow<Answer>, now: Date): Promise<boolean>;
};

export type KeyClaim<Answer> =
  | { kind: "claimed"; id: string }
  | { kind: "replay"; answer: Answer }
  | { kind: "reused" }
  | { kind: "inUse" };

export async function claimKey<Answer>(
  store: KeyStore<Answer>,
  input: { requestHash: string; ttlMs: number; now: Date },
): Promise<KeyClaim<Answer>> {
  const { requestHash, ttlMs, now } = input;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      return { kind: "claimed", id: await store.insert(new Date(now.getTime() + ttlMs)) };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const existing = await store.find();
    if (!existing) continue; // released between our insert and our read: try again
    if (existing.expiresAt.getTime() <= now.getTime()) {
      await store.deleteExpired(existing);
      continue;
    }
    if (existing.requestHash !== requestHash) return { kind: "reused" };
    if (existing.answer !== null) return { kind: "replay", answer: existing.answer };
    if (now.getTime() - existing.createdAt.getTime() < IN_FLIGHT_LEASE_MS) return { kind: "inUse" };
    return (await store.takeOver(existing, now)) ? { kind: "claimed", id: existing.id } : { kind: "inUse" };
  }
  return { kind: "inUse" };
}

/** How long storing an answer is retried while the database cannot answer: well within the lease. */
const STORE_ANSWER_RETRY_MS = 30_000;

/**
 * Stores a claimed key's answer (`store` writes it). The write it answers has committed by now: if
 * the database went away since (a restart), the answer is stored once it is back, within the lease,
 * so a retry meanwhile is "in use" and then replays it. Given up, the key would stay claimed without
 * an answer, and the first retry after the lease would run the write a second time (found by
 * `npm run scale:test`, decision 0076). A process that dies here still leaves that claim behind.
 */
export async function storeAnswer(store: () => Promise<unknown>, retryForMs = STORE_ANSWER_RETRY_MS) {
  const started = Date.now();
  for (let attempt = 0; ; attempt += 1) {
    try {
      await store();
      return;
    } catch (error) {
      if (!isDatabaseUnavailable(error) || Date.now() - started >= retryForMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 100 * 2 ** attempt)));
    }
  }
}
