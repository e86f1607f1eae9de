/**
 * Verifies the whole audit log (docs/decisions/0003 and 0074): the latest signed checkpoint, then
 * every partition's chain against its head and that checkpoint (verify-audit-partition.ts), and
 * reports the first event that does not fit. Plain module (no `server-only`) because
 * `npm run audit:verify` runs it outside Next.js with its own client.
 *
 * Someone able to rewrite a partition's events and head after the latest checkpoint can still
 * forge a consistent tail; the checkpoint bounds that to the events since it was signed, and the
 * heads digest returned (printed by the command) lets operators keep a copy outside the database.
 */
import { LEGACY_PARTITION } from "./audit-hash";
import {
  headsDigest,
  isValidCheckpointMac,
  parseCheckpointHeads,
  readAuditHeads,
  type CheckpointHead,
} from "./audit-checkpoint";
import { verifyAuditPartition } from "./verify-audit-partition";
import type { Db } from "@/lib/db";

export type AuditChainVerification =
  | {
      ok: true;
      /** Events verified, over all partitions. */
      count: number;
      partitions: number;
      /** sha256 over every head verified (partition, sequence, hash): a copy to keep elsewhere. */
      headsDigest: string;
      checkpoint: { number: number; createdAt: Date } | null;
    }
  /** partition and brokenAtSequence are null when the checkpoint itself is at fault. */
  | { ok: false; partition: number | null; brokenAtSequence: number | null; reason: string };

export async function verifyAuditChain({
  tx: db,
  secret = process.env.AUTH_SECRET,
}: {
  tx: Db;
  /** AUTH_SECRET, the checkpoints' key; needed only once a checkpoint exists. */
  secret?: string;
}): Promise<AuditChainVerification> {
  // Checkpoint first, then the heads: every head read afterwards is at or beyond the checkpoint.
  const checkpoint = await db.auditCheckpoint.findFirst({ orderBy: { number: "desc" } });
  let checkpointed = new Map<number, CheckpointHead>();
  if (checkpoint) {
    const heads = parseCheckpointHeads(checkpoint.heads);
    const broken = (reason: string) => ({
      ok: false as const,
      partition: null,
      brokenAtSequence: null,
      reason: `checkpoint ${checkpoint.number}: ${reason}`,
    });
    if (!heads) return broken("malformed heads");
    if (!secret) return broken("cannot check its signature without AUTH_SECRET");
    const fields = { number: checkpoint.number, createdAt: checkpoint.createdAt, heads };
    if (!isValidCheckpointMac(secret, fields, checkpoint.mac)) {
      return broken("signature invalid (altered, forged, or AUTH_SECRET changed since it was signed)");
    }
    checkpointed = new Map(heads.map((head) => [head[0], head]));
  }

  const heads = await readAuditHeads(db);
  const headOf = new Map(heads.map((head) => [head[0], head]));
  // Partitions with events but no head row count too: a deleted head must not hide its chain.
  const withEvents = await db.auditEvent.groupBy({ by: ["partition"] });
  const partitions = [
    ...new Set([
      LEGACY_PARTITION,
      ...headOf.keys(),
      ...checkpointed.keys(),
      ...withEvents.map((row) => row.partition),
    ]),
  ].sort((a, b) => a - b);

  let count = 0;
  const verified: CheckpointHead[] = [];
  for (const partition of partitions) {
    const head = headOf.get(partition);
    const signed = checkpointed.get(partition);
    const result = await verifyAuditPartition(
      db,
      partition,
      head ? { sequence: head[1], hash: head[2] } : null,
      signed && checkpoint ? { number: checkpoint.number, sequence: signed[1], hash: signed[2] } : null,
    );
    if (!result.ok) return result;
    count += result.count;
    if (head) verified.push(head);
  }
  return {
    ok: true,
    count,
    partitions: verified.length,
    headsDigest: headsDigest(verified),
    checkpoint: checkpoint ? { number: checkpoint.number, createdAt: checkpoint.createdAt } : null,
  };
}
