/**
 * Which chain an audit event joins (docs/decisions/0074). The log is split into AUDIT_PARTITIONS
 * chains, each with its own head row, so an audited write locks one partition's head instead of a
 * head shared by every write of every instance: a frozen instance holding one head stops only the
 * writes of that partition, and writes of different partitions append in parallel.
 *
 * The partition follows a stable key, the customer the event is about (else the actor's id), so one
 * customer's history is one ordered chain. Events with neither (anonymous, system) go to a random
 * partition: nothing orders them against each other, and a random choice spreads them evenly.
 * Plain module (no `server-only`): the verifier and the scripts use it outside Next.js.
 */
import { createHash, randomInt } from "node:crypto";

/**
 * Partitions 1…AUDIT_PARTITIONS (0 is the legacy chain). Raising it later is safe (the verifier
 * reads whichever head rows exist, and old events stay in their partition); customers then move
 * to another chain from their next event on.
 */
export const AUDIT_PARTITIONS = 64;

export function auditPartitionFor(key: string | null | undefined): number {
  if (!key) return 1 + randomInt(AUDIT_PARTITIONS);
  return 1 + (createHash("sha256").update(key, "utf8").digest().readUInt32BE(0) % AUDIT_PARTITIONS);
}
