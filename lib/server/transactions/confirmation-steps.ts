import "server-only";
/**
 * The steps both confirmation methods share: load the pending transaction of this user and
 * session, recompute the details hash from the stored details (never trusting the stored hash
 * alone), reject with a reason on any mismatch, and execute exactly once.
 */
import { withTransientRetry } from "@/lib/db/db-retry";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { hashDetails, type TransactionDetails } from "./binding";
import { isTransactionKind, transactionKind, type TransactionKind } from "./kinds";
import { db as defaultDb, type Db, type Tx } from "@/lib/db";
import { customerActor } from "@/lib/server/actor";

export type ConfirmationMethod = "PASSKEY" | "TOTP";

/** Why a transaction was rejected; written to the audit log (never the details themselves). */
export type RejectionReason =
  | "unknown_kind"
  | "session_mismatch"
  | "details_changed"
  | "shown_details_differ"
  | "challenge_mismatch"
  | "unknown_credential"
  | "signature_invalid";

export type ConfirmTransactionResult =
  | { ok: true; kind: TransactionKind; executedAt: Date }
  | { ok: false; code: "NOT_FOUND" | "NOT_PENDING" | "EXPIRED" | "REJECTED" | "INVALID_CODE" | "NOT_ALLOWED" }
  | { ok: false; code: "RATE_LIMITED"; retryAfterSeconds: number };

export type ConfirmRequest = {
  userId: string;
  sessionId: string;
  transactionId: string;
  /** The details hash the page showed, recomputed when it rendered the details. */
  shownHash: string;
  client?: ClientInfo;
  now?: Date;
};

export type VerifiedPending = {
  id: string;
  userId: string;
  kind: TransactionKind;
  details: TransactionDetails;
  /** Recomputed from the stored details; equal to the stored hash and to the one shown. */
  detailsHash: string;
  nonce: string;
};

type Row = { id: string; userId: string; kind: string };

// Long enough for SQLite's lock queue when several instances write; each transaction is short.
// Whole transactions are retried on SQLite's BUSY or a PostgreSQL deadlock: they roll back fully.
const TX_OPTIONS = { maxWait: 10_000, timeout: 10_000 } as const;

/**
 * The transaction if it may be confirmed now; otherwise the failure, having marked it EXPIRED or
 * REJECTED where that applies. Another customer's transaction is simply NOT_FOUND and untouched.
 */
export async function loadPendingTransaction(
  { req, method }: { req: ConfirmRequest; method: ConfirmationMethod },
  { tx: db = defaultDb }: { tx?: Db } = {},
): Promise<{ ok: true; pending: VerifiedPending } | Extract<ConfirmTransactionResult, { ok: false }>> {
  const now = req.now ?? new Date();
  const row = await db.transactionConfirmation.findFirst({
    where: { id: req.transactionId, userId: req.userId },
  });
  if (!row) return { ok: false, code: "NOT_FOUND" };
  if (row.status !== "PENDING") return { ok: false, code: "NOT_PENDING" };
  if (row.expiresAt <= now) {
    await withTransientRetry(() =>
      db.transactionConfirmation.updateMany({
        where: { id: row.id, status: "PENDING" },
        data: { status: "EXPIRED" },
      }),
    );
    return { ok: false, code: "EXPIRED" };
  }
  const reject = (reason: RejectionReason) => rejectTransaction({ row, method, reason, req }, { tx: db });
  if (!isTransactionKind(row.kind)) return reject("unknown_kind");
  // Confirmation belongs to the session that was shown the details (the schema's rule).
  if (row.sessionId !== req.sessionId) return reject("session_mismatch");
  let detailsHash: string;
  try {
    detailsHash = hashDetails(row.details);
  } catch {
    return reject("details_changed");
  }
  if (detailsHash !== row.detailsHash) return reject("details_changed");
  if (detailsHash !== req.shownHash) return reject("shown_details_differ");
  return {
    ok: true,
    pending: {
      id: row.id,
      userId: row.userId,
      kind: row.kind,
      details: row.details as TransactionDetails,
      detailsHash,
      nonce: row.nonce,
    },
  };
}

/** Marks the transaction REJECTED (once) and audits the reason. */
export async function rejectTransaction(
  opts: { row: Row; method: ConfirmationMethod; reason: RejectionReason; req: ConfirmRequest },
  { tx: db = defaultDb }: { tx?: Db } = {},
): Promise<{ ok: false; code: "REJECTED" }> {
  const { row, req } = opts;
  await withTransientRetry(() =>
    db.$transaction(async (tx) => {
      const { count } = await tx.transactionConfirmation.updateMany({
        where: { id: row.id, userId: req.userId, status: "PENDING" },
        data: { status: "REJECTED", rejectedAt: req.now ?? new Date(), method: opts.method },
      });
      if (count === 0) return;
      await writeAuditEvent(tx, {
        type: "transaction.rejected",
        actor: customerActor(req.userId, req.client),
        subject: row.userId,
        target: { type: "TransactionConfirmation", id: row.id },
        metadata: { kind: row.kind, method: opts.method, reason: opts.reason },
      });
    }, TX_OPTIONS),
  );
  return { ok: false, code: "REJECTED" };
}

/**
 * In one database transaction: `claim` (e.g. consume the WebAuthn challenge), mark CONFIRMED only
 * while still PENDING with the verified hash (so of two racing confirmations one wins), run the
 * kind's executor on the verified details, set executedAt and audit. Any failure rolls all back.
 */
export async function executeConfirmedTransaction(
  opts: {
    pending: VerifiedPending;
    method: ConfirmationMethod;
    req: ConfirmRequest;
    claim?: (tx: Tx) => Promise<boolean>;
  },
  { tx: db = defaultDb }: { tx?: Db } = {},
): Promise<ConfirmTransactionResult> {
  const { pending, req } = opts;
  const execute = transactionKind(pending.kind).execute;
  if (!execute) throw new Error(`Transaction kind "${pending.kind}" has no executor`);
  const now = req.now ?? new Date();
  return withTransientRetry(() =>
    db.$transaction(async (tx): Promise<ConfirmTransactionResult> => {
      if (opts.claim && !(await opts.claim(tx))) return { ok: false, code: "NOT_PENDING" };
      const { count } = await tx.transactionConfirmation.updateMany({
        where: {
          id: pending.id,
          userId: req.userId,
          sessionId: req.sessionId,
          status: "PENDING",
          detailsHash: pending.detailsHash,
          expiresAt: { gt: now },
        },
        data: { status: "CONFIRMED", confirmedAt: now, method: opts.method },
      });
      if (count !== 1) return { ok: false, code: "NOT_PENDING" };
      await execute(tx, pending.userId, pending.details);
      const executedAt = new Date();
      await tx.transactionConfirmation.update({ where: { id: pending.id }, data: { executedAt } });
      await writeAuditEvent(tx, {
        type: "transaction.confirmed",
        actor: customerActor(req.userId, req.client),
        subject: pending.userId,
        target: { type: "TransactionConfirmation", id: pending.id },
        metadata: { kind: pending.kind, method: opts.method, detailsHash: pending.detailsHash },
      });
      return { ok: true, kind: pending.kind, executedAt };
    }, TX_OPTIONS),
  );
}
