import "server-only";
/**
 * What /account/approvals/[id] shows (docs/decisions/0063): the customer's own approval (another
 * customer's is null, like one that does not exist), and while it is pending the transaction
 * confirmation of this session that carries exactly the approval's details, opened on first view.
 */
import { db as defaultDb, type Db } from "@/lib/db";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { hashDetails } from "@/lib/server/transactions/binding";
import { createTransaction } from "@/lib/server/transactions/create-transaction";
import { ShopApprovalDetailsSchema, type ShopApprovalDetails } from "@/lib/schemas/approvals";
import { expireShopApproval } from "./decide-approval";

/** A confirmation this close to its end is not offered any more: a new one is opened. */
const MIN_TIME_LEFT_MS = 60 * 1000;

export type ApprovalView = {
  id: string;
  status: "PENDING" | "APPROVED" | "DECLINED" | "EXPIRED";
  details: ShopApprovalDetails;
  expiresAt: Date;
  /** Only while pending: the confirmation to sign, with the hash of the details as rendered. */
  confirmation: { transactionId: string; shownHash: string; expiresAt: Date } | null;
};

export async function shopApprovalForCustomer(
  opts: { userId: string; sessionId: string; id: string; client?: ClientInfo; now?: Date },
  { tx: db = defaultDb }: { tx?: Db } = {},
): Promise<ApprovalView | null> {
  const now = opts.now ?? new Date();
  const row = await db.shopApproval.findFirst({
    where: { id: opts.id, userId: opts.userId },
    select: { id: true, status: true, details: true, detailsHash: true, expiresAt: true },
  });
  if (!row) return null;
  const details = ShopApprovalDetailsSchema.parse(row.details);
  let status = row.status;
  if (status === "PENDING" && row.expiresAt <= now) {
    await expireShopApproval({ id: row.id, now }, { tx: db });
    status = "EXPIRED";
  }
  const view = { id: row.id, status, details, expiresAt: row.expiresAt };
  if (status !== "PENDING") return { ...view, confirmation: null };

  // The session's open confirmation of this very approval, if its details still hash as stored.
  const open = await db.transactionConfirmation.findMany({
    where: {
      userId: opts.userId,
      sessionId: opts.sessionId,
      kind: "shop_approval.approve",
      status: "PENDING",
      expiresAt: { gt: new Date(now.getTime() + MIN_TIME_LEFT_MS) },
    },
    orderBy: { createdAt: "desc" },
    select: { id: true, details: true, detailsHash: true, expiresAt: true },
  });
  const existing = open.find(
    (t) => t.detailsHash === row.detailsHash && hashDetails(t.details) === row.detailsHash,
  );
  if (existing)
    return {
      ...view,
      confirmation: { transactionId: existing.id, shownHash: row.detailsHash, expiresAt: existing.expiresAt },
    };
  const created = await createTransaction(
    {
      userId: opts.userId,
      sessionId: opts.sessionId,
      kind: "shop_approval.approve",
      details,
      client: opts.client,
      now,
    },
    { tx: db },
  );
  return {
    ...view,
    confirmation: { transactionId: created.id, shownHash: created.detailsHash, expiresAt: created.expiresAt },
  };
}
