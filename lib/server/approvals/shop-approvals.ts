import "server-only";
/**
 * Shop approvals as the machine API sees them (docs/decisions/0063): a request from the shop
 * becomes a pending ShopApproval with the details the customer will be shown and their hash;
 * the shop's own approval id is unique per API key, so a repeated POST returns the same approval
 * instead of asking the customer twice. Reads are limited to the key that asked.
 */
import { randomBytes } from "node:crypto";
import { db as defaultDb, type Db } from "@/lib/db";
import { isUniqueViolation, withTransientRetry } from "@/lib/db/db-retry";
import type { Actor } from "@/lib/server/actor";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { hashDetails } from "@/lib/server/transactions/binding";
import {
  APPROVAL_MAX_LIFETIME_MS,
  ShopApprovalDetailsSchema,
  type ApprovalAnswer,
  type CreateApproval,
  type ShopApprovalDetails,
} from "@/lib/schemas/approvals";
import { expireShopApproval } from "./decide-approval";
import { notifyApprovalRequested } from "./notify-approval";

type KeyActor = Extract<Actor, { kind: "apiKey" }>;

/** A request that ends sooner than this cannot reasonably reach the customer and be decided. */
const MIN_LIFETIME_MS = 5 * 60 * 1000;

const ANSWER_FIELDS = {
  id: true,
  shopApprovalId: true,
  userId: true,
  shopOrderId: true,
  status: true,
  detailsHash: true,
  expiresAt: true,
  decidedAt: true,
  createdAt: true,
} as const;
type AnswerRow = {
  id: string;
  shopApprovalId: string;
  userId: string;
  shopOrderId: string;
  status: "PENDING" | "APPROVED" | "DECLINED" | "EXPIRED";
  detailsHash: string;
  expiresAt: Date;
  decidedAt: Date | null;
  createdAt: Date;
};

function toAnswer(row: AnswerRow): ApprovalAnswer {
  return {
    id: row.id,
    approvalId: row.shopApprovalId,
    customerId: row.userId,
    shopOrderId: row.shopOrderId,
    status: row.status.toLowerCase() as ApprovalAnswer["status"],
    detailsHash: row.detailsHash,
    expiresAt: row.expiresAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A customer (no staff account), not in deletion; by e-mail only while that address is verified. */
async function resolveCustomer(customer: CreateApproval["customer"], db: Db): Promise<string | null> {
  const notStaff = {
    roles: { none: { role: { in: ["SUPPORT" as const, "MARKETING" as const, "ADMIN" as const] } } },
  };
  const where =
    "id" in customer
      ? { id: customer.id }
      : { emailNormalized: customer.email.trim().toLowerCase(), emailVerifiedAt: { not: null } };
  const user = await db.user.findFirst({
    where: { ...where, ...notStaff, status: "ACTIVE", deletionRequestedAt: null },
    select: { id: true },
  });
  return user?.id ?? null;
}

export type RequestApprovalResult =
  | { ok: true; created: boolean; approval: ApprovalAnswer }
  | { ok: false; code: "CUSTOMER_NOT_FOUND" | "EXPIRY_OUT_OF_RANGE" };

export async function requestShopApproval(
  opts: { actor: KeyActor; input: CreateApproval; now?: Date },
  { tx: db = defaultDb }: { tx?: Db } = {},
): Promise<RequestApprovalResult> {
  const { actor, input } = opts;
  const now = opts.now ?? new Date();
  const key = { apiKeyId: actor.apiKeyId, shopApprovalId: input.approvalId };
  const existing = await db.shopApproval.findUnique({
    where: { apiKeyId_shopApprovalId: key },
    select: ANSWER_FIELDS,
  });
  if (existing) return { ok: true, created: false, approval: toAnswer(existing) };

  const expiresAt = new Date(input.expiresAt);
  const lifetime = expiresAt.getTime() - now.getTime();
  if (lifetime < MIN_LIFETIME_MS || lifetime > APPROVAL_MAX_LIFETIME_MS)
    return { ok: false, code: "EXPIRY_OUT_OF_RANGE" };
  const userId = await resolveCustomer(input.customer, db);
  if (!userId) return { ok: false, code: "CUSTOMER_NOT_FOUND" };

  // The portal id is part of the signed details, so two requests never share a hash.
  const id = randomBytes(12).toString("hex");
  const details: ShopApprovalDetails = ShopApprovalDetailsSchema.parse({
    approvalId: id,
    shopOrderId: input.shopOrderId,
    reason: input.reason,
    amountMinor: input.amount.minor,
    currency: input.amount.currency,
    deliveryAddress: input.deliveryAddress,
    lines: input.lines,
  });
  const detailsHash = hashDetails(details);
  try {
    const row = await withTransientRetry(() =>
      db.$transaction(async (tx) => {
        const created = await tx.shopApproval.create({
          data: { id, ...key, userId, shopOrderId: input.shopOrderId, details, detailsHash, expiresAt },
          select: ANSWER_FIELDS,
        });
        await writeAuditEvent(tx, {
          type: "shop_approval.requested",
          actor,
          subject: userId,
          target: { type: "ShopApproval", id },
          metadata: {
            shopApprovalId: input.approvalId,
            shopOrderId: input.shopOrderId,
            reason: input.reason,
            detailsHash,
          },
        });
        return created;
      }),
    );
    notifyApprovalRequested(userId, id);
    return { ok: true, created: true, approval: toAnswer(row) };
  } catch (error) {
    // Two identical requests at once: the unique (key, shop id) lets one in; the other reads it.
    if (isUniqueViolation(error)) {
      const raced = await db.shopApproval.findUnique({
        where: { apiKeyId_shopApprovalId: key },
        select: ANSWER_FIELDS,
      });
      if (raced) return { ok: true, created: false, approval: toAnswer(raced) };
    }
    throw error;
  }
}

/** The approval as the key that asked for it sees it (another key's is NOT_FOUND); stale → expired. */
export async function shopApprovalForKey(
  opts: { apiKeyId: string; id: string; now?: Date },
  { tx: db = defaultDb }: { tx?: Db } = {},
): Promise<ApprovalAnswer | null> {
  const now = opts.now ?? new Date();
  const row = await db.shopApproval.findFirst({
    where: { id: opts.id, apiKeyId: opts.apiKeyId },
    select: ANSWER_FIELDS,
  });
  if (!row) return null;
  if (row.status === "PENDING" && row.expiresAt <= now) {
    await expireShopApproval({ id: row.id, now }, { tx: db });
    const expired = await db.shopApproval.findUniqueOrThrow({ where: { id: row.id }, select: ANSWER_FIELDS });
    return toAnswer(expired);
  }
  return toAnswer(row);
}
