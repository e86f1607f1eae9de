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
import { ACTION_IDEMPOTENCY_KEY_TTL_HOURS } from "@/lib/config/idempotency";
import { db as defaultDb, type Db } from "@/lib/db";
import { purposeMac } from "@/lib/server/crypto/purpose-mac";
import { claimKey, storeAnswer } from "./claim-key";

const HOUR_MS = 60 * 60 * 1000;
const FINGERPRINT_PURPOSE = "action-idempotency-fingerprint";

export type ActionKeyClaim =
  | { kind: "claimed"; id: string }
  | { kind: "replay"; result: string }
  | { kind: "reused" }
  | { kind: "inUse" };

/**
 * What makes two submissions the same: the action and its arguments, under a key derived from
 * AUTH_SECRET. Keyed, not a plain hash: the arguments hold what the domain keeps sealed (an IBAN,
 * decision 0012), and a plain SHA-256 of them would let whoever holds a copy of this table confirm
 * guesses, of which the masked IBAN beside it leaves few.
 */
export function actionFingerprint(action: string, args: unknown): string {
  return purposeMac(FINGERPRINT_PURPOSE, `${action}\n${JSON.stringify(args) ?? ""}`);
}

/** Claims `key` for this customer's submission, or says what the stored claim means for it. */
export async function claimActionKey(
  input: { userId: string; key: string; requestHash: string },
  { tx = defaultDb, now = new Date() }: { tx?: Db; now?: Date } = {},
): Promise<ActionKeyClaim> {
  // The customer is part of every lookup: another customer's key is another row.
  const where = { userId_key: { userId: input.userId, key: input.key } };
  const claim = await claimKey<string>(
    {
      insert: async (expiresAt) =>
        (
          await tx.actionIdempotencyKey.create({
            data: { ...input, createdAt: now, expiresAt },
            select: { id: true },
          })
        ).id,
      find: async () => {
        const row = await tx.actionIdempotencyKey.findUnique({ where });
        return row && { ...row, answer: row.result };
      },
      deleteExpired: async (row) => {
        await tx.actionIdempotencyKey.deleteMany({ where: { id: row.id, expiresAt: row.expiresAt } });
      },
      takeOver: async (row, at) =>
        (
          await tx.actionIdempotencyKey.updateMany({
            where: { id: row.id, createdAt: row.createdAt, result: null },
            data: { createdAt: at },
          })
        ).count === 1,
    },
    { requestHash: input.requestHash, ttlMs: ACTION_IDEMPOTENCY_KEY_TTL_HOURS * HOUR_MS, now },
  );
  return claim.kind === "replay" ? { kind: "replay", result: claim.answer } : claim;
}

/** Stores the successful outcome of a claimed key, to be replayed until the key expires. */
export async function completeActionKey(
  input: { id: string; result: string },
  { tx = defaultDb }: { tx?: Db } = {},
): Promise<void> {
  await storeAnswer(() =>
    tx.actionIdempotencyKey.update({
      where: { id: input.id },
      data: { result: input.result },
      select: { id: true },
    }),
  );
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
