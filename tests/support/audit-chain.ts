/**
 * The audit log is one per database, shared by the integration files (which run one after
 * another): files that count events start from an empty log, so rows other files insert raw do
 * not count. Empties every partition's chain, its heads and the signed checkpoints (decision 0074).
 */
import type { Db } from "@/lib/db/prisma-client";

export async function emptyAuditLog(db: Db): Promise<void> {
  await db.auditEvent.deleteMany({});
  await db.auditCheckpoint.deleteMany({});
  await db.auditChainHead.deleteMany({});
}
