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
import { claimKey, storeAnswer } from "@/lib/server/idempotency/claim-key";

const HOUR_MS = 60 * 60 * 1000;

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
  const claim = await claimKey<{ status: number; body: string }>(
    {
      insert: async (expiresAt) =>
        (await tx.idempotencyKey.create({ data: { ...input, expiresAt }, select: { id: true } })).id,
      find: async () => {
        const row = await tx.idempotencyKey.findUnique({ where });
        if (!row) return null;
        const answered = row.responseStatus !== null && row.responseBody !== null;
        return { ...row, answer: answered ? { status: row.responseStatus!, body: row.responseBody! } : null };
      },
      deleteExpired: async (row) => {
        await tx.idempotencyKey.deleteMany({ where: { id: row.id, expiresAt: row.expiresAt } });
      },
      takeOver: async (row, at) =>
        (
          await tx.idempotencyKey.updateMany({
            where: { id: row.id, createdAt: row.createdAt, responseStatus: null },
            data: { createdAt: at },
          })
        ).count === 1,
    },
    { requestHash: input.requestHash, ttlMs: IDEMPOTENCY_KEY_TTL_HOURS * HOUR_MS, now },
  );
  return claim.kind === "replay" ? { kind: "replay", ...claim.answer } : claim;
}

/** Stores the answer of a claimed key (a success), to be replayed until the key expires. */
export async function completeIdempotencyKey(
  input: { id: string; status: number; body: string },
  { tx = defaultDb }: { tx?: Db } = {},
): Promise<void> {
  await storeAnswer(() =>
    tx.idempotencyKey.update({
      where: { id: input.id },
      data: { responseStatus: input.status, responseBody: input.body },
      select: { id: true },
    }),
  );
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
