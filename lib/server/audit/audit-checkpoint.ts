/**
 * Signed checkpoints over every partition's chain head (docs/decisions/0074). Each partition's
 * chain proves its own order, but someone with write access to the database could delete the
 * newest events of a partition and rewind its head row: the shorter chain still verifies. A
 * checkpoint, written periodically by `npm run jobs`, records every head (partition, sequence,
 * hash) under an HMAC whose key is derived from AUTH_SECRET, which the database does not hold;
 * `npm run audit:verify` checks the latest one's MAC and that every partition still reaches the
 * recorded event with the recorded hash.
 *
 * Plain module (no `server-only`): the verifier runs outside Next.js, so the secret is passed in.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { auditSha256 } from "./audit-hash";
import type { Db } from "@/lib/db";

/** [partition, sequence, hash of the event at that sequence (null while the chain is empty)]. */
export type CheckpointHead = [partition: number, sequence: number, hash: string | null];

export type AuditCheckpointFields = { number: number; createdAt: Date; heads: CheckpointHead[] };

const VERSION = "audit-checkpoint-v1";

/** HMAC-SHA256 under a key derived for this purpose only, as lib/server/crypto/purpose-mac.ts does. */
export function auditCheckpointMac(secret: string, fields: AuditCheckpointFields): string {
  const key = createHmac("sha256", secret).update(VERSION).digest();
  const message = JSON.stringify([VERSION, fields.number, fields.createdAt.toISOString(), fields.heads]);
  return createHmac("sha256", key).update(message).digest("base64url");
}

export function isValidCheckpointMac(secret: string, fields: AuditCheckpointFields, mac: string): boolean {
  const expected = Buffer.from(auditCheckpointMac(secret, fields));
  const given = Buffer.from(mac);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** A digest of all heads for logs and backups: a copy outside the database anchors the log. */
export function headsDigest(heads: CheckpointHead[]): string {
  return auditSha256(JSON.stringify(heads));
}

/** The current heads, sorted by partition. Plain reads: each head committed with its event. */
export async function readAuditHeads(db: Db): Promise<CheckpointHead[]> {
  const rows = await db.auditChainHead.findMany({
    orderBy: { partition: "asc" },
    select: { partition: true, sequence: true, hash: true },
  });
  return rows.map((row) => [row.partition, row.sequence, row.hash]);
}

/** Parses a stored heads column; a malformed one is reported by the verifier, not thrown. */
export function parseCheckpointHeads(value: unknown): CheckpointHead[] | null {
  if (!Array.isArray(value)) return null;
  const heads: CheckpointHead[] = [];
  for (const item of value) {
    if (!Array.isArray(item) || item.length !== 3) return null;
    const [partition, sequence, hash] = item as unknown[];
    if (!Number.isInteger(partition) || !Number.isInteger(sequence)) return null;
    if (hash !== null && typeof hash !== "string") return null;
    heads.push([partition as number, sequence as number, hash as string | null]);
  }
  return heads;
}

export type WrittenCheckpoint = { number: number; heads: CheckpointHead[]; digest: string };

/**
 * Writes the next checkpoint unless no head moved since the last one (an idle log needs none).
 * Two job runs at once: the second fails on the unique number, and the next run catches up.
 */
export async function writeAuditCheckpoint(
  { now = new Date(), secret }: { now?: Date; secret: string },
  { tx: db }: { tx: Db },
): Promise<WrittenCheckpoint | null> {
  const heads = await readAuditHeads(db);
  const last = await db.auditCheckpoint.findFirst({ orderBy: { number: "desc" } });
  if (last && JSON.stringify(last.heads) === JSON.stringify(heads)) return null;
  const number = (last?.number ?? 0) + 1;
  const createdAt = now;
  const mac = auditCheckpointMac(secret, { number, createdAt, heads });
  await db.auditCheckpoint.create({ data: { number, createdAt, heads, mac } });
  return { number, heads, digest: headsDigest(heads) };
}
