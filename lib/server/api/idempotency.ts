import "server-only";
/**
 * Idempotency keys for the writes of /api/v1 (docs/decisions/0061). A client that sends
 * `Idempotency-Key` with a write may send it again after a timeout without doing the write twice:
 * - the first request claims the key (a row, unique per API key) and its successful answer is
 *   stored;
 * - the same key with the same request (method, path, body) gets that answer again;
 * - the same key with another request is refused (422): the client has a bug, and guessing which
 *   request it meant would be worse;
 * - a duplicate while the first still runs is refused (409), so the write is never run twice at
 *   once. A claim older than the lease counts as abandoned (its process died) and is taken over.
 * Problems are not stored (the key is released): a refusal such as an unknown customer may not
 * hold when the client retries after fixing it.
 */
import { createHash } from "node:crypto";
import { IDEMPOTENCY_KEY_TTL_HOURS } from "@/lib/config/api";
import { db as defaultDb, type Db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/db-retry";

const HOUR_MS = 60 * 60 * 1000;
/** How long a running first request holds its key before a retry may take it over. */
const IN_FLIGHT_LEASE_MS = 60 * 1000;

/** Visible ASCII, at most 255 characters (a UUID is the usual choice). */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export type IdempotencyClaim =
  | { kind: "claimed"; id: string }
  | { kind: "replay"; status: number; body: string }
  | { kind: "reused" }
  | { kind: "inUse" };

/** SHA-256 hex of what makes two requests the same request. */
export function requestFingerprint(method: string, path: string, body: Uint8Array): string {
  const bodyHash = createHash("sha256").update(body).digest("hex");
  return createHash("sha256").update(`${method.toUpperCase()}\n${path}\n${bodyHash}`).digest("hex");
}

/** Claims `key` for this request, or says what the stored claim means for it. */
export async function claimIdempotencyKey(
  input: { apiKeyId: string; key: string; requestHash: string },
  { tx = defaultDb, now = new Date() }: { tx?: Db; now?: Date } = {},
): Promise<IdempotencyClaim> {
  const where = { apiKeyId_key: { apiKeyId: input.apiKeyId, key: input.key } };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const row = await tx.idempotencyKey.create({
        data: { ...input, expiresAt: new Date(now.getTime() + IDEMPOTENCY_KEY_TTL_HOURS * HOUR_MS) },
        select: { id: true },
      });
      return { kind: "claimed", id: row.id };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const existing = await tx.idempotencyKey.findUnique({ where });
    if (!existing) continue; // released between our insert and our read: try again
    if (existing.expiresAt.getTime() <= now.getTime()) {
      await tx.idempotencyKey.deleteMany({ where: { id: existing.id, expiresAt: existing.expiresAt } });
      continue;
    }
    if (existing.requestHash !== input.requestHash) return { kind: "reused" };
    if (existing.responseStatus !== null && existing.responseBody !== null)
      return { kind: "replay", status: existing.responseStatus, body: existing.responseBody };
    if (now.getTime() - existing.createdAt.getTime() < IN_FLIGHT_LEASE_MS) return { kind: "inUse" };
    // Abandoned claim: take it over, unless another retry did so first (createdAt moved).
    const { count } = await tx.idempotencyKey.updateMany({
      where: { id: existing.id, createdAt: existing.createdAt, responseStatus: null },
      data: { createdAt: now },
    });
    return count === 1 ? { kind: "claimed", id: existing.id } : { kind: "inUse" };
  }
  return { kind: "inUse" };
}

/** Stores the answer of a claimed key (a success), to be replayed until the key expires. */
export async function completeIdempotencyKey(
  input: { id: string; status: number; body: string },
  { tx = defaultDb }: { tx?: Db } = {},
): Promise<void> {
  await tx.idempotencyKey.update({
    where: { id: input.id },
    data: { responseStatus: input.status, responseBody: input.body },
    select: { id: true },
  });
}

/** Gives a claimed key up (the request failed), so the client may retry with it. */
export async function releaseIdempotencyKey(id: string, { tx = defaultDb }: { tx?: Db } = {}): Promise<void> {
  await tx.idempotencyKey.deleteMany({ where: { id, responseStatus: null } });
}

/** Deletes answers past their expiry (`npm run jobs`); a later request with the key starts afresh. */
export async function pruneIdempotencyKeys(
  { now = new Date() }: { now?: Date } = {},
  { tx = defaultDb }: { tx?: Db } = {},
): Promise<number> {
  const { count } = await tx.idempotencyKey.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}
