import "server-only";
/**
 * The end of a shop approval (docs/decisions/0063): approved through the transaction confirmation
 * (the executor below runs inside the confirming database transaction, on the verified details),
 * declined by the customer, or expired. Each ends the approval once, audits it and enqueues the
 * webhook `approval.decided` in the same transaction, with the details and their hash.
 */
import { db as defaultDb, type Db, type Tx } from "@/lib/db";
import { withTransientRetry } from "@/lib/db/db-retry";
import { customerActor, systemActor, type Actor } from "@/lib/server/actor";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { hashDetails, type TransactionDetails } from "@/lib/server/transactions/binding";
import type { TransactionExecutor } from "@/lib/server/transactions/executor";
import { enqueueWebhookEvent } from "@/lib/server/webhooks/outbox";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { ShopApprovalDetailsSchema } from "@/lib/schemas/approvals";

type Decision = "approved" | "declined" | "expired";
const STATUS = { approved: "APPROVED", declined: "DECLINED", expired: "EXPIRED" } as const;
const AUDIT = {
  approved: "shop_approval.approved",
  declined: "shop_approval.declined",
  expired: "shop_approval.expired",
} as const;

/** Thrown inside the confirming transaction when the approval ended meanwhile: all rolls back. */
export class ShopApprovalNotPendingError extends Error {
  constructor() {
    super("shop approval is no longer pending");
  }
}

/**
 * Ends a pending approval with `decision` if `where` still holds; false when it did not (already
 * decided, expired, another customer's). Runs in the caller's transaction.
 */
async function endApproval(
  tx: Tx,
  opts: { id: string; where: object; decision: Decision; actor: Actor; now: Date },
): Promise<boolean> {
  const { count } = await tx.shopApproval.updateMany({
    where: { id: opts.id, status: "PENDING", ...opts.where },
    data: { status: STATUS[opts.decision], decidedAt: opts.now },
  });
  if (count !== 1) return false;
  const row = await tx.shopApproval.findUniqueOrThrow({ where: { id: opts.id } });
  const details = ShopApprovalDetailsSchema.parse(row.details);
  await writeAuditEvent(tx, {
    type: AUDIT[opts.decision],
    actor: opts.actor,
    subject: row.userId,
    target: { type: "ShopApproval", id: row.id },
    metadata: { shopApprovalId: row.shopApprovalId, detailsHash: row.detailsHash },
  });
  await enqueueWebhookEvent(tx, {
    type: "approval.decided",
    now: opts.now,
    data: {
      id: row.id,
      approvalId: row.shopApprovalId,
      customerId: row.userId,
      shopOrderId: row.shopOrderId,
      decision: opts.decision,
      detailsHash: row.detailsHash,
      details,
      decidedAt: opts.now.toISOString(),
    },
  });
  return true;
}

/**
 * The executor of `shop_approval.approve`: the confirmed details name the approval; it is
 * approved only while pending, unexpired, this customer's and with exactly these details' hash.
 */
export const executeShopApproval: TransactionExecutor = async (
  tx: Tx,
  userId: string,
  details: TransactionDetails,
) => {
  const parsed = ShopApprovalDetailsSchema.parse(details);
  const now = new Date();
  const ended = await endApproval(tx, {
    id: parsed.approvalId,
    where: { userId, detailsHash: hashDetails(parsed), expiresAt: { gt: now } },
    decision: "approved",
    actor: customerActor(userId),
    now,
  });
  if (!ended) throw new ShopApprovalNotPendingError();
};

export type DeclineResult = { ok: true } | { ok: false; code: "NOT_FOUND" | "NOT_PENDING" };

/** The customer says no: refusing commits the customer to nothing, so no passkey (decision 0063). */
export async function declineShopApproval(
  opts: { userId: string; sessionId: string; id: string; client?: ClientInfo; now?: Date },
  { tx: db = defaultDb }: { tx?: Db } = {},
): Promise<DeclineResult> {
  const now = opts.now ?? new Date();
  const row = await db.shopApproval.findFirst({
    where: { id: opts.id, userId: opts.userId },
    select: { id: true, status: true, expiresAt: true },
  });
  if (!row) return { ok: false, code: "NOT_FOUND" };
  if (row.status === "PENDING" && row.expiresAt <= now) {
    await expireShopApproval({ id: row.id, now }, { tx: db });
    return { ok: false, code: "NOT_PENDING" };
  }
  const ended = await withTransientRetry(() =>
    db.$transaction((tx) =>
      endApproval(tx, {
        id: row.id,
        where: { userId: opts.userId, expiresAt: { gt: now } },
        decision: "declined",
        actor: customerActor(opts.userId, opts.client, opts.sessionId),
        now,
      }),
    ),
  );
  return ended ? { ok: true } : { ok: false, code: "NOT_PENDING" };
}

/** Marks one stale pending approval EXPIRED (once) and tells the shop. */
export async function expireShopApproval(
  opts: { id: string; now?: Date },
  { tx: db = defaultDb }: { tx?: Db } = {},
): Promise<boolean> {
  const now = opts.now ?? new Date();
  return withTransientRetry(() =>
    db.$transaction((tx) =>
      endApproval(tx, {
        id: opts.id,
        where: { expiresAt: { lte: now } },
        decision: "expired",
        actor: systemActor(),
        now,
      }),
    ),
  );
}

/** The sweep (webhook worker round): every stale pending approval expires, a few at a time. */
export async function expireStaleShopApprovals(
  opts: { now?: Date; limit?: number } = {},
  { tx: db = defaultDb }: { tx?: Db } = {},
): Promise<number> {
  const now = opts.now ?? new Date();
  const stale = await db.shopApproval.findMany({
    where: { status: "PENDING", expiresAt: { lte: now } },
    select: { id: true },
    take: opts.limit ?? 50,
  });
  let expired = 0;
  for (const { id } of stale) if (await expireShopApproval({ id, now }, { tx: db })) expired += 1;
  return expired;
}
