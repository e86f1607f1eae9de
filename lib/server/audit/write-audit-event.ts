import "server-only";
import { computeAuditDataHash, computeAuditEventHash } from "./audit-hash";
import { sanitizeAuditMetadata, type AuditMetadata } from "./audit-metadata";
import { auditPartitionFor } from "./audit-partition";
import { isActorRole, isAuditEventType, type ActorRole, type AuditEventType } from "./event-types";
import type { Db, Tx } from "@/lib/db";
import type { Actor } from "@/lib/server/actor";

export { redactEmail, type AuditMetadata } from "./audit-metadata";

export type AuditEventInput = {
  type: AuditEventType;
  /** Who did it; stored as actorRole and actorId, its client as ip and userAgent. */
  actor: Actor;
  /** The customer the event is about (may be the actor). */
  subject?: string | null;
  target?: { type?: string | null; id?: string | null } | null;
  /** Context only: ids, field names, masked values (see redactEmail). Never secrets. */
  metadata?: AuditMetadata;
};

export type WrittenAuditEvent = { id: string; partition: number; sequence: number; hash: string };

// Bounds the stored (and hashed) values, so a hostile header cannot bloat the log.
const MAX_USER_AGENT = 512;
const MAX_IP = 64;

/** The stored columns for an actor: the role it acted in and the id that role's table knows. */
export function actorColumns(actor: Actor): { actorRole: ActorRole; actorId: string | null } {
  switch (actor.kind) {
    case "customer":
      return { actorRole: "CUSTOMER", actorId: actor.userId };
    case "staff":
      return { actorRole: actor.role, actorId: actor.userId };
    case "apiKey":
      return { actorRole: "API_KEY", actorId: actor.apiKeyId };
    case "system":
      return { actorRole: "SYSTEM", actorId: null };
    case "anonymous":
      return { actorRole: "ANONYMOUS", actorId: null };
  }
}

function clip(value: string | null | undefined, max: number): string | null {
  if (value === null || value === undefined || value === "") return null;
  return value.length > max ? value.slice(0, max) : value;
}

// The partition a transaction has locked: its later events join the same chain, so a transaction
// holds one head lock at most and two transactions can never take two heads in opposite orders
// (a deadlock the single head could not have). Keyed weakly by the transaction client object.
const partitionOfTransaction = new WeakMap<object, number>();

/**
 * Appends one event to the tamper-evident chain of its partition (docs/decisions/0003 and 0074,
 * schema doc of AuditEvent).
 *
 * Call it inside the transaction that makes the change, so both commit or neither does:
 *   await db.$transaction(async (tx) => { …change…; await writeAuditEvent(tx, {...}) })
 * and preferably as the transaction's last step: bumping the partition's head locks that row until
 * commit, which orders the audited transactions of that partition (of every app instance) one
 * after another; the account row, where a transaction takes it, comes first (decision 0055).
 * Keep the transaction at PostgreSQL's default READ COMMITTED: under REPEATABLE READ or
 * SERIALIZABLE a concurrent append aborts with a serialisation failure instead of waiting.
 *
 * Given the root client instead of a transaction client (an event with no other change, such as a
 * failed sign-in), it opens its own transaction so head and event still commit together.
 */
export async function writeAuditEvent(tx: Tx | Db, event: AuditEventInput): Promise<WrittenAuditEvent> {
  if ("$transaction" in tx) return tx.$transaction((inner) => appendEvent(inner, event));
  return appendEvent(tx, event);
}

async function appendEvent(tx: Tx, event: AuditEventInput): Promise<WrittenAuditEvent> {
  // Types are checked by the compiler; this guards casts and plain-JS callers, since a wrong
  // string would sit in the hashed log for good.
  if (!isAuditEventType(event.type)) throw new Error(`Unknown audit event type "${String(event.type)}"`);
  const { actorRole, actorId } = actorColumns(event.actor);
  if (!isActorRole(actorRole)) throw new Error(`Unknown audit actor role "${String(actorRole)}"`);
  const metadata = event.metadata === undefined ? null : sanitizeAuditMetadata(event.metadata);
  const ip = clip(event.actor.client.ip, MAX_IP);
  const userAgent = clip(event.actor.client.userAgent, MAX_USER_AGENT);

  // The customer the event is about, else the actor (staff, API key, customer), else random.
  const partition = partitionOfTransaction.get(tx) ?? auditPartitionFor(event.subject ?? actorId);
  partitionOfTransaction.set(tx, partition);

  // Head first: one INSERT … ON CONFLICT DO UPDATE … RETURNING on both databases (checked in the
  // query log). It creates the partition's head on its first event, takes the row lock on
  // PostgreSQL (a concurrent appender to this partition waits here, then sees this commit's
  // sequence and hash) and holds SQLite's write lock. The returned hash is still the previous
  // event's: it becomes prevHash.
  const head = await tx.auditChainHead.upsert({
    where: { partition },
    create: { partition, sequence: 1 },
    update: { sequence: { increment: 1 } },
    select: { sequence: true, hash: true },
  });

  // Taken after the lock, so createdAt follows the chain order.
  const createdAt = new Date();
  const core = {
    partition,
    sequence: head.sequence,
    type: event.type,
    actorId,
    actorRole,
    subjectUserId: event.subject ?? null,
    targetType: event.target?.type ?? null,
    targetId: event.target?.id ?? null,
    createdAt,
  };
  const dataHash = computeAuditDataHash({ ip, userAgent, metadata });
  const prevHash = head.hash ?? null;
  const hash = computeAuditEventHash({ ...core, dataHash, prevHash });

  const created = await tx.auditEvent.create({
    data: { ...core, ip, userAgent, ...(metadata === null ? {} : { metadata }), dataHash, prevHash, hash },
    select: { id: true },
  });
  await tx.auditChainHead.update({ where: { partition }, data: { hash } });
  return { id: created.id, partition, sequence: head.sequence, hash };
}
