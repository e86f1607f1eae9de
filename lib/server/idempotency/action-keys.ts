import "server-only";
/**
 * Idempotency keys of customers' forms (docs/decisions/0072), the customer-side twin of the machine
 * API's keys (lib/server/api/idempotency.ts, decision 0061). A form sends one key per submission of
 * the same input; when the response is cut off on the way back and the customer presses save again,
 * the retry carries the same key and gets the first outcome instead of writing a second time.
 * - the first submission claims (userId, key); its successful outcome is stored;
 * - the same key with the same action and input gets that outcome again;
 * - the same key with other input is refused: the form changes its key with the input, so only a
 *   forged or buggy call gets here, and guessing which one was meant would be worse;
 * - the same key while the first still runs answers "in progress"; a claim older than the lease
 *   counts as abandoned (its process died) and is taken over by one retry.
 * Only successes are stored: a failure (wrong input, step-up needed) releases the key, so the form's
 * automatic re-send after step-up runs the action for real.
 */
import { createHash } from "node:crypto";
import { ACTION_IDEMPOTENCY_KEY_TTL_HOURS } from "@/lib/config/idempotency";
import { db as defaultDb, type Db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/db-retry";

const HOUR_MS = 60 * 60 * 1000;
/** How long a running first submission holds its key before a retry may take it over. */
const IN_FLIGHT_LEASE_MS = 60 * 1000;

export type ActionKeyClaim =
  | { kind: "claimed"; id: string }
  | { kind: "replay"; result: string }
  | { kind: "reused" }
  | { kind: "inUse" };

/** SHA-256 hex of what makes two submissions the same: the action and its arguments. */
export function actionFingerprint(action: string, args: unknown): string {
  return createHash("sha256")
    .update(`${action}\n${JSON.stringify(args) ?? ""}`)
    .digest("hex");
}

/** Claims `key` for this customer's submission, or says what the stored claim means for it. */
export async function claimActionKey(
  input: { userId: string; key: string; requestHash: string },
  { tx = defaultDb, now = new Date() }: { tx?: Db; now?: Date } = {},
): Promise<ActionKeyClaim> {
  // The customer is part of every lookup: another customer's key is another row.
  const where = { userId_key: { userId: input.userId, key: input.key } };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const expiresAt = new Date(now.getTime() + ACTION_IDEMPOTENCY_KEY_TTL_HOURS * HOUR_MS);
      const row = await tx.actionIdempotencyKey.create({
        data: { ...input, createdAt: now, expiresAt },
        select: { id: true },
      });
      return { kind: "claimed", id: row.id };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const existing = await tx.actionIdempotencyKey.findUnique({ where });
    if (!existing) continue; // released between our insert and our read: try again
    if (existing.expiresAt.getTime() <= now.getTime()) {
      await tx.actionIdempotencyKey.deleteMany({
        where: { id: existing.id, expiresAt: existing.expiresAt },
      });
      continue;
    }
    if (existing.requestHash !== input.requestHash) return { kind: "reused" };
    if (existing.result !== null) return { kind: "replay", result: existing.result };
    if (now.getTime() - existing.createdAt.getTime() < IN_FLIGHT_LEASE_MS) return { kind: "inUse" };
    // Abandoned claim: take it over, unless another retry did so first (createdAt moved).
    const { count } = await tx.actionIdempotencyKey.updateMany({
      where: { id: existing.id, createdAt: existing.createdAt, result: null },
      data: { createdAt: now },
    });
    return count === 1 ? { kind: "claimed", id: existing.id } : { kind: "inUse" };
  }
  return { kind: "inUse" };
}

/** Stores the successful outcome of a claimed key, to be replayed until the key expires. */
export async function completeActionKey(
  input: { id: string; result: string },
  { tx = defaultDb }: { tx?: Db } = {},
): Promise<void> {
  await tx.actionIdempotencyKey.update({
    where: { id: input.id },
    data: { result: input.result },
    select: { id: true },
  });
}

/** Gives a claimed key up (the submission failed), so the same key may run the action again. */
export async function releaseActionKey(id: string, { tx = defaultDb }: { tx?: Db } = {}): Promise<void> {
  await tx.actionIdempotencyKey.deleteMany({ where: { id, result: null } });
}

/** Deletes keys past their expiry (`npm run jobs`); a later submission with the key starts afresh. */
export async function pruneActionKeys(
  { now = new Date() }: { now?: Date } = {},
  { tx = defaultDb }: { tx?: Db } = {},
): Promise<number> {
  const { count } = await tx.actionIdempotencyKey.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}
