/**
 * Re-computes the audit hash chain and reports the first event that does not fit. Plain module (no
 * `server-only`) because `npm run audit:verify` runs it outside Next.js with its own client.
 *
 * Detects: an edited field (hash), edited ip/userAgent/metadata (dataHash; only for rows without
 * redactedAt, since erasure blanks them), a deleted or inserted event (sequence gap, prevHash), a
 * falsification disguised as redaction (redactedAt set but data left in place), and truncation at
 * the end (the head row no longer matches the last event). Someone able to rewrite every later
 * row and the head can forge a consistent chain; exporting the head hash elsewhere (backups, a
 * periodic log line) is what catches that, and `count`/head hash are returned for that purpose.
 */
import { AUDIT_CHAIN_HEAD_ID, computeAuditDataHash, computeAuditEventHash } from "./audit-hash";
import type { Db } from "@/lib/db";

export type AuditChainVerification =
  | { ok: true; count: number; headHash: string | null }
  | { ok: false; brokenAtSequence: number; reason: string };

const BATCH = 500;

export async function verifyAuditChain({ tx: db }: { tx: Db }): Promise<AuditChainVerification> {
  // The head first: events appended while we read have higher sequences and are left for the next
  // run, so a busy log does not look truncated. Every event up to the head's sequence committed
  // with (or before) the head, because both are written in one transaction.
  const head = await db.auditChainHead.findUnique({ where: { id: AUDIT_CHAIN_HEAD_ID } });
  const headSequence = head?.sequence ?? 0;
  let expected = 1;
  let prevHash: string | null = null;

  while (expected <= headSequence) {
    const rows = await db.auditEvent.findMany({
      where: { sequence: { gte: expected, lte: headSequence } },
      orderBy: { sequence: "asc" },
      take: BATCH,
    });
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.sequence !== expected) {
        return { ok: false, brokenAtSequence: expected, reason: "event missing (gap in the sequence)" };
      }
      if (row.prevHash !== prevHash) {
        return {
          ok: false,
          brokenAtSequence: row.sequence,
          reason: "prevHash does not match the previous event",
        };
      }
      if (row.redactedAt === null) {
        const dataHash = computeAuditDataHash({
          ip: row.ip,
          userAgent: row.userAgent,
          metadata: row.metadata,
        });
        if (dataHash !== row.dataHash) {
          return {
            ok: false,
            brokenAtSequence: row.sequence,
            reason: "ip, userAgent or metadata changed (dataHash mismatch)",
          };
        }
      } else if (row.ip !== null || row.userAgent !== null || row.metadata !== null) {
        return {
          ok: false,
          brokenAtSequence: row.sequence,
          reason: "marked redacted but still carries ip, userAgent or metadata",
        };
      }
      const hash = computeAuditEventHash({
        sequence: row.sequence,
        type: row.type,
        actorId: row.actorId,
        actorRole: row.actorRole,
        subjectUserId: row.subjectUserId,
        targetType: row.targetType,
        targetId: row.targetId,
        createdAt: row.createdAt,
        dataHash: row.dataHash,
        prevHash: row.prevHash,
      });
      if (hash !== row.hash) {
        return { ok: false, brokenAtSequence: row.sequence, reason: "event fields changed (hash mismatch)" };
      }
      prevHash = row.hash;
      expected += 1;
    }
  }

  if (expected <= headSequence) {
    return {
      ok: false,
      brokenAtSequence: expected,
      reason: "events missing up to the chain head (truncated)",
    };
  }
  if ((head?.hash ?? null) !== prevHash) {
    return {
      ok: false,
      brokenAtSequence: headSequence,
      reason: "chain head hash does not match the last event",
    };
  }
  // An event above the head did not come through the writer, unless it was appended while we
  // read: the head is re-read after the event, and a writer commits head and event together.
  const last = await db.auditEvent.findFirst({ orderBy: { sequence: "desc" }, select: { sequence: true } });
  if (last && last.sequence > headSequence) {
    const headNow = await db.auditChainHead.findUnique({ where: { id: AUDIT_CHAIN_HEAD_ID } });
    if (last.sequence > (headNow?.sequence ?? 0)) {
      return { ok: false, brokenAtSequence: last.sequence, reason: "event beyond the chain head" };
    }
  }
  return { ok: true, count: headSequence, headHash: head?.hash ?? null };
}
