import "server-only";
/**
 * Documents of an order (docs/decisions/0060): PDFs the shop uploads, one per kind and order (a
 * new upload replaces the old one), kept in the database with their SHA-256 and size; read back
 * only for the order's owner.
 */
import { createHash } from "node:crypto";
import type { OrderDocumentKind } from "@/lib/config/orders";
import { db as defaultDb, type Db } from "@/lib/db";
import type { Actor, CustomerActor } from "@/lib/server/actor";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { recordInvoiceNotice, sendOrderNotice, type PendingOrderNotice } from "./notices";

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

/** Whether the bytes start like a PDF; the portal serves them as download only, never inline. */
export function looksLikePdf(bytes: Uint8Array): boolean {
  return PDF_MAGIC.every((byte, index) => bytes[index] === byte);
}

export async function storeOrderDocument(
  input: { actor: Actor; shopOrderId: string; kind: OrderDocumentKind; content: Uint8Array },
  { tx = defaultDb }: { tx?: Db } = {},
): Promise<
  | {
      ok: true;
      created: boolean;
      document: { id: string; kind: OrderDocumentKind; sha256: string; sizeBytes: number };
    }
  | { ok: false; code: "NOT_FOUND" | "NOT_A_PDF" }
> {
  if (!looksLikePdf(input.content)) return { ok: false, code: "NOT_A_PDF" };
  const sha256 = createHash("sha256").update(input.content).digest("hex");
  const sizeBytes = input.content.byteLength;
  let notice: PendingOrderNotice | null = null;
  const result = await tx.$transaction(async (t) => {
    const order = await t.order.findUnique({
      where: { shopOrderId: input.shopOrderId },
      select: { id: true, userId: true, shopOrderId: true },
    });
    if (!order) return { ok: false as const, code: "NOT_FOUND" as const };
    const key = { orderId: order.id, kind: input.kind };
    const existing = await t.orderDocument.findUnique({ where: { orderId_kind: key }, select: { id: true } });
    const content = new Uint8Array(input.content);
    const row = await t.orderDocument.upsert({
      where: { orderId_kind: key },
      create: { ...key, content, sha256, sizeBytes },
      update: { content, sha256, sizeBytes },
      select: { id: true },
    });
    await writeAuditEvent(t, {
      type: "order.document_stored",
      actor: input.actor,
      subject: order.userId,
      target: { type: "OrderDocument", id: row.id },
      metadata: { shopOrderId: input.shopOrderId, kind: input.kind, sha256, sizeBytes },
    });
    if (input.kind === "invoice" && !existing) notice = await recordInvoiceNotice(t, order);
    return {
      ok: true as const,
      created: !existing,
      document: { id: row.id, kind: input.kind, sha256, sizeBytes },
    };
  });
  sendOrderNotice(notice);
  return result;
}

/** The document for its owner, or null: another customer's order reads exactly like none. */
export async function orderDocumentForOwner(
  input: { userId: string; orderId: string; kind: OrderDocumentKind },
  { tx = defaultDb }: { tx?: Db } = {},
): Promise<{ content: Uint8Array; shopOrderId: string; sha256: string } | null> {
  const row = await tx.orderDocument.findFirst({
    where: { kind: input.kind, order: { id: input.orderId, userId: input.userId } },
    select: { content: true, sha256: true, order: { select: { shopOrderId: true } } },
  });
  return row ? { content: row.content, shopOrderId: row.order.shopOrderId, sha256: row.sha256 } : null;
}

/**
 * The owner's download of a document, audited (who fetched which invoice, when, from where), or
 * null for anything not theirs: the audit event is only written for a document actually served.
 */
export async function downloadOrderDocument(
  input: { actor: CustomerActor; orderId: string; kind: OrderDocumentKind },
  { tx = defaultDb }: { tx?: Db } = {},
): Promise<{ content: Uint8Array; shopOrderId: string; sha256: string } | null> {
  return tx.$transaction(async (t) => {
    const row = await t.orderDocument.findFirst({
      where: { kind: input.kind, order: { id: input.orderId, userId: input.actor.userId } },
      select: { id: true, content: true, sha256: true, order: { select: { shopOrderId: true } } },
    });
    if (!row) return null;
    await writeAuditEvent(t, {
      type: "order.document_downloaded",
      actor: input.actor,
      subject: input.actor.userId,
      target: { type: "OrderDocument", id: row.id },
      metadata: { orderId: input.orderId, kind: input.kind, sha256: row.sha256 },
    });
    return { content: row.content, shopOrderId: row.order.shopOrderId, sha256: row.sha256 };
  });
}
