import "server-only";
/**
 * Preparing and handing out a data export. The JSON is sealed with the data key in the database
 * (DataExport.payloadCiphertext), so any app instance can serve it. Each download link is a
 * single-use VerificationToken (DATA_EXPORT_DOWNLOAD) bound to the customer and to one format,
 * valid for EXPORT_LINK_TTL_MINUTES; it is consumed with a conditional update, so two concurrent
 * uses cannot both succeed. Once every link of an export is used, the payload is wiped.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma-sqlite/client";
import { hashToken } from "@/lib/server/crypto/token-hash";
import { decryptValue, encryptValue, envelopeKeyId } from "@/lib/server/crypto/encryption";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { collectExportData } from "./export-data";
import { db as defaultDb, type Db, type Tx } from "@/lib/db";
import type { CustomerActor } from "@/lib/server/actor";

export const EXPORT_LINK_TTL_MINUTES = 15;
export const EXPORT_FORMATS = ["json", "html"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type PreparedExport = {
  id: string;
  links: Record<ExportFormat, string>;
  sha256: string;
  sizeBytes: number;
  expiresAt: Date;
};

const WIPED = {
  status: "EXPIRED" as const,
  payloadCiphertext: null,
  payloadKeyId: null,
};

/** The path of a download link (relative, so it works behind any host name). */
export function exportDownloadPath(token: string): string {
  return `/api/account/export?token=${encodeURIComponent(token)}`;
}

/**
 * Builds the export now (a customer's data is small: milliseconds), seals it and issues one link
 * per format. Older exports of the customer are wiped and their links voided: one live export.
 */
export async function prepareDataExport(
  { actor, now = new Date() }: { actor: CustomerActor; now?: Date },
  { tx: db = defaultDb }: { tx?: Db } = {},
): Promise<PreparedExport> {
  const expiresAt = new Date(now.getTime() + EXPORT_LINK_TTL_MINUTES * 60_000);
  const created = await db.$transaction(async (tx) => {
    await voidExports(tx, actor.userId, now);
    const row = await tx.dataExport.create({
      data: { userId: actor.userId, status: "PROCESSING", requestedAt: now, startedAt: now },
    });
    await writeAuditEvent(tx, {
      type: "privacy.export_requested",
      actor,
      subject: actor.userId,
      target: { type: "DataExport", id: row.id },
    });
    return row;
  });

  try {
    return await db.$transaction(async (tx) => {
      const json = JSON.stringify(await collectExportData({ userId: actor.userId, now }, { tx }), null, 2);
      const sealed = encryptValue(json);
      const sha256 = createHash("sha256").update(json, "utf8").digest("hex");
      const sizeBytes = Buffer.byteLength(json, "utf8");
      await tx.dataExport.update({
        where: { id: created.id },
        data: {
          status: "READY",
          readyAt: new Date(),
          payloadCiphertext: sealed,
          payloadKeyId: envelopeKeyId(sealed),
          payloadSha256: sha256,
          sizeBytes,
          expiresAt,
        },
      });
      const links = {} as Record<ExportFormat, string>;
      for (const format of EXPORT_FORMATS) {
        const token = randomBytes(32).toString("base64url");
        await tx.verificationToken.create({
          data: {
            tokenHash: hashToken(token),
            purpose: "DATA_EXPORT_DOWNLOAD",
            userId: actor.userId,
            payload: { dataExportId: created.id, format },
            expiresAt,
          },
        });
        links[format] = exportDownloadPath(token);
      }
      return { id: created.id, links, sha256, sizeBytes, expiresAt };
    });
  } catch (error) {
    await db.dataExport.update({
      where: { id: created.id },
      data: { status: "FAILED", failedAt: new Date(), errorCode: "BUILD_FAILED" },
    });
    throw error;
  }
}

/** Wipes the user's earlier exports and voids their unused links. */
async function voidExports(tx: Tx, userId: string, now: Date): Promise<void> {
  await tx.verificationToken.updateMany({
    where: { userId, purpose: "DATA_EXPORT_DOWNLOAD", consumedAt: null },
    data: { consumedAt: now },
  });
  await tx.dataExport.updateMany({
    where: { userId, status: { in: ["PENDING", "PROCESSING", "READY"] } },
    data: WIPED,
  });
}

function readPayload(
  payload: Prisma.JsonValue | null,
): { dataExportId: string; format: ExportFormat } | null {
  if (!payload || typeof payload !== "object" || Array.isArray(payload)) return null;
  const { dataExportId, format } = payload as Record<string, unknown>;
  if (typeof dataExportId !== "string" || !EXPORT_FORMATS.includes(format as ExportFormat)) return null;
  return { dataExportId, format: format as ExportFormat };
}

export type DownloadResult =
  | { ok: true; format: ExportFormat; json: string; sha256: string; readyAt: Date }
  | { ok: false; code: "LINK_INVALID" };

/**
 * Uses a download link of the signed-in customer: unknown, foreign, expired or used links are
 * refused alike. The token is consumed in the same transaction that reads the payload.
 */
export async function downloadDataExport(
  { actor, token, now = new Date() }: { actor: CustomerActor; token: string; now?: Date },
  { tx: db = defaultDb }: { tx?: Db } = {},
): Promise<DownloadResult> {
  if (!token || token.length > 200) return { ok: false, code: "LINK_INVALID" };
  const tokenHash = hashToken(token);
  return db.$transaction(async (tx) => {
    const row = await tx.verificationToken.findUnique({ where: { tokenHash } });
    const payload = readPayload(row?.payload ?? null);
    if (!row || !payload || row.purpose !== "DATA_EXPORT_DOWNLOAD" || row.userId !== actor.userId)
      return { ok: false, code: "LINK_INVALID" } as const;
    const { count } = await tx.verificationToken.updateMany({
      where: { id: row.id, consumedAt: null, expiresAt: { gt: now } },
      data: { consumedAt: now },
    });
    if (count !== 1) return { ok: false, code: "LINK_INVALID" } as const;
    const found = await tx.dataExport.findFirst({
      where: { id: payload.dataExportId, userId: actor.userId, status: "READY", expiresAt: { gt: now } },
    });
    if (!found?.payloadCiphertext || !found.payloadSha256 || !found.readyAt)
      return { ok: false, code: "LINK_INVALID" } as const;
    const json = decryptValue(found.payloadCiphertext);

    const openLinks = await tx.verificationToken.findMany({
      where: { userId: actor.userId, purpose: "DATA_EXPORT_DOWNLOAD", consumedAt: null },
      select: { payload: true },
    });
    const isLast = !openLinks.some((l) => readPayload(l.payload)?.dataExportId === found.id);
    await tx.dataExport.update({
      where: { id: found.id },
      data: { downloadedAt: found.downloadedAt ?? now, ...(isLast ? WIPED : {}) },
    });
    await writeAuditEvent(tx, {
      type: "privacy.export_downloaded",
      actor,
      subject: actor.userId,
      target: { type: "DataExport", id: found.id },
      metadata: { format: payload.format },
    });
    return { ok: true, format: payload.format, json, sha256: found.payloadSha256, readyAt: found.readyAt };
  });
}

/** Jobs: wipes exports past their expiry (and any stuck in preparation for over an hour). */
export async function pruneDataExports(
  { now = new Date() }: { now?: Date } = {},
  { tx: db = defaultDb }: { tx?: Db } = {},
): Promise<number> {
  const stuck = new Date(now.getTime() - 60 * 60_000);
  const { count } = await db.dataExport.updateMany({
    where: {
      OR: [
        { status: "READY", expiresAt: { lte: now } },
        { status: { in: ["PENDING", "PROCESSING"] }, requestedAt: { lt: stuck } },
      ],
    },
    data: WIPED,
  });
  return count;
}

/** Jobs: deletes one-time tokens (all purposes) that expired more than a day ago. */
export async function pruneVerificationTokens(
  { now = new Date() }: { now?: Date } = {},
  { tx: db = defaultDb }: { tx?: Db } = {},
): Promise<number> {
  const { count } = await db.verificationToken.deleteMany({
    where: { expiresAt: { lt: new Date(now.getTime() - 24 * 60 * 60_000) } },
  });
  return count;
}
