import "server-only";
/**
 * The fallback for customers without a passkey: a code from their authenticator app, with the
 * details shown on the page. A TOTP code cannot sign anything, so the binding is the server's own:
 * the hash recomputed from the stored details must equal the hash stored at creation and the hash
 * of the details the page showed. Guesses share the `secondFactor` budget of sign-in, because they
 * are guesses against the same secret.
 */
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { acceptTotpCode } from "@/lib/server/factors/totp-factors";
import { consumeRateLimit, resetRateLimit } from "@/lib/server/rate-limit/rate-limit";
import {
  executeConfirmedTransaction,
  loadPendingTransaction,
  type ConfirmRequest,
  type ConfirmTransactionResult,
} from "./confirmation-steps";
import { db as defaultDb, type Db } from "@/lib/db";
import { customerActor } from "@/lib/server/actor";

export async function confirmTransactionWithTotp(
  req: ConfirmRequest & { code: string },
  { tx: db = defaultDb }: { tx?: Db } = {},
): Promise<ConfirmTransactionResult> {
  // A customer with a passkey confirms with it: the weaker method is no way around the binding.
  if ((await db.passkey.count({ where: { userId: req.userId } })) > 0)
    return { ok: false, code: "NOT_ALLOWED" };
  const loaded = await loadPendingTransaction({ req, method: "TOTP" }, { tx: db });
  if (!loaded.ok) return loaded;

  const limit = await consumeRateLimit(
    { policy: "secondFactor", subject: req.userId, now: req.now },
    { tx: db },
  );
  if (!limit.allowed) return { ok: false, code: "RATE_LIMITED", retryAfterSeconds: limit.retryAfterSeconds };
  if (!(await acceptTotpCode({ userId: req.userId, code: req.code }, { tx: db }))) {
    await writeAuditEvent(db, {
      type: "auth.second_factor_failed",
      actor: customerActor(req.userId, req.client),
      subject: req.userId,
      target: { type: "TransactionConfirmation", id: loaded.pending.id },
      metadata: { method: "TOTP", reason: "invalid", context: "transaction" },
    });
    return { ok: false, code: "INVALID_CODE" };
  }
  await resetRateLimit({ policy: "secondFactor", subject: req.userId }, { tx: db });
  return executeConfirmedTransaction({ pending: loaded.pending, method: "TOTP", req }, { tx: db });
}
