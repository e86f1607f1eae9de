/**
 * Re-computes one partition's hash chain (docs/decisions/0074) and reports the first event that
 * does not fit. Plain module (no `server-only`): `npm run audit:verify` runs it outside Next.js.
 *
 * Detects: an edited field (hash), edited ip/userAgent/metadata (dataHash; only for rows without
 * redactedAt, since erasure blanks them), a deleted or inserted event (sequence gap, prevHash), a
 * falsification disguised as redaction (redactedAt set but data left in place), truncation at the
 * end (the head row no longer matches the last event), and, given the latest checkpoint's entry for
 * this partition, a deleted tail whose head row was rewound (the chain ends before the checkpoint)
 * or a rewritten chain (the event at the checkpointed sequence has another hash).
 */
import { computeAuditDataHash, computeAuditEventHash } from "./audit-hash";
import type { Db } from "@/lib/db";

export type PartitionFailure = { ok: false; partition: number; brokenAtSequence: number; reason: string };
export type PartitionVerification = { ok: true; count: number } | PartitionFailure;

type Head = { sequence: number; hash: string | null } | null;
type Checkpointed = { number: number; sequence: number; hash: string | null } | null;

const BATCH = 500;

function checkRow(row: AuditRow, partition: number, prevHash: string | null): string | null {
  if (row.prevHash !== prevHash) return "prevHash does not match the previous event";
  if (row.redactedAt === null) {
    const dataHash = computeAuditDataHash({ ip: row.ip, userAgent: row.userAgent, metadata: row.metadata });
    if (dataHash !== row.dataHash) return "ip, userAgent or metadata changed (dataHash mismatch)";
  } else if (row.ip !== null || row.userAgent !== null || row.metadata !== null) {
    return "marked redacted but still carries ip, userAgent or metadata";
  }
  const hash = computeAuditEventHash({ ...row, partition });
  if (hash !== row.hash) return "event fields changed (hash mismatch)";
  return null;
}

type AuditRow = Awaited<ReturnType<Db["auditEvent"]["findMany"]>>[number];

export async function verifyAuditPartition(
  db: Db,
  partition: number,
  head: Head,
  checkpointed: Checkpointed,
): Promise<PartitionVerification> {
  const fail = (brokenAtSequence: number, reason: string): PartitionFailure => ({
    ok: false,
    partition,
    brokenAtSequence,
    reason,
  });
  // The head was read before the events: events appended while we read have higher sequences and
  // are left for the next run. Every event up to the head committed with (or before) the head.
  const headSequence = head?.sequence ?? 0;
  let expected = 1;
  let prevHash: string | null = null;

  while (expected <= headSequence) {
    const rows = await db.auditEvent.findMany({
      where: { partition, sequence: { gte: expected, lte: headSequence } },
      orderBy: { sequence: "asc" },
      take: BATCH,
    });
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.sequence !== expected) return fail(expected, "event missing (gap in the sequence)");
      const reason = checkRow(row, partition, prevHash);
      if (reason) return fail(row.sequence, reason);
      if (checkpointed && row.sequence === checkpointed.sequence && row.hash !== checkpointed.hash) {
        return fail(row.sequence, `event differs from signed checkpoint ${checkpointed.number}`);
      }
      prevHash = row.hash;
      expected += 1;
    }
  }

  if (expected <= headSequence) return fail(expected, "events missing up to the chain head (truncated)");
  if ((head?.hash ?? null) !== prevHash) {
    return fail(headSequence, "chain head hash does not match the last event");
  }
  if (checkpointed && checkpointed.sequence > headSequence) {
    return fail(
      headSequence + 1,
      `events missing up to signed checkpoint ${checkpointed.number} at sequence ${checkpointed.sequence} (tail deleted)`,
    );
  }
  // An event above the head did not come through the writer, unless it was appended while we
  // read: the head is re-read after the event, and a writer commits head and event together.
  const last = await db.auditEvent.findFirst({
    where: { partition },
    orderBy: { sequence: "desc" },
    select: { sequence: true },
  });
  if (last && last.sequence > headSequence) {
    const headNow = await db.auditChainHead.findUnique({ where: { partition } });
    if (last.sequence > (headNow?.sequence ?? 0)) return fail(last.sequence, "event beyond the chain head");
  }
  return { ok: true, count: headSequence };
}
