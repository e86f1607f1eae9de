/**
 * The partitioned audit log (issue 16, docs/decisions/0074). On PostgreSQL, a frozen instance that
 * holds one partition's head (an open transaction that wrote an event and stopped) blocks only that
 * partition: another instance's writes for customers of other partitions complete at full speed
 * while it is held, and only a write to the frozen partition waits (and gives up at lock_timeout).
 * On both databases: a transaction's events stay in one partition (one head lock per transaction,
 * so partitions add no deadlock), `npm run jobs` signs a checkpoint, and a chain rewritten
 * consistently below the checkpoint is named by the verifier.
 */
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { databaseKind, resolveDatabaseUrl } from "@/lib/db/database-url";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { customerActor } from "@/lib/server/actor";
import { computeAuditEventHash } from "@/lib/server/audit/audit-hash";
import { auditPartitionFor } from "@/lib/server/audit/audit-partition";
import { verifyAuditChain } from "@/lib/server/audit/verify-audit-chain";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { runJobs } from "@/lib/server/privacy/jobs";
import { emptyAuditLog } from "../support/audit-chain";

const isPostgres = databaseKind(resolveDatabaseUrl(process.env.DATABASE_URL)) === "postgres";
const clients: ReturnType<typeof createPrismaClient>[] = [];
const client = (...args: Parameters<typeof createPrismaClient>) => {
  const created = createPrismaClient(...args);
  clients.push(created);
  return created;
};
const db = client();
afterAll(() => Promise.all(clients.map((c) => c.$disconnect())));
beforeEach(() => emptyAuditLog(db));

// 40 writes at once share a pool of 10: they may wait for a connection longer than Prisma's 2 s
// default on a busy machine; a wait for a lock still ends at the client's lock_timeout.
const audited = (on: typeof db, customer: string) =>
  on.$transaction(
    (tx) =>
      writeAuditEvent(tx, { type: "profile.updated", actor: customerActor(customer), subject: customer }),
    { maxWait: 20_000, timeout: 20_000 },
  );

/** `count` customer ids whose partition is not `partition`. */
function customersOutside(partition: number, count: number, prefix: string): string[] {
  const ids: string[] = [];
  for (let i = 0; ids.length < count; i++) {
    if (auditPartitionFor(`${prefix}-${i}`) !== partition) ids.push(`${prefix}-${i}`);
  }
  return ids;
}

describe.runIf(isPostgres)("a frozen instance holding one partition's head", () => {
  it("does not stop another instance's writes for other partitions; only its own partition waits", async () => {
    const frozen = client(undefined, { postgres: { idleInTransactionTimeoutMs: 60_000 } });
    // A write that queued on the frozen head would fail after 3 s instead of finishing.
    const healthy = client(undefined, { postgres: { lockTimeoutMs: 3_000 } });
    const stuck = "frozen-customer";
    const partition = auditPartitionFor(stuck);
    const others = customersOutside(partition, 80, "healthy");
    const writeAll = async (ids: string[]) => {
      const started = performance.now();
      const outcomes = await Promise.allSettled(ids.map((id) => audited(healthy, id)));
      const failures = outcomes.flatMap((o) => (o.status === "rejected" ? [String(o.reason)] : []));
      return { ms: performance.now() - started, failures };
    };

    const baseline = await writeAll(others.slice(0, 40));
    expect(baseline.failures).toEqual([]);

    let locked = () => {};
    let release = () => {};
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    const frozenWrite = frozen.$transaction(
      async (tx) => {
        const written = await writeAuditEvent(tx, {
          type: "profile.updated",
          actor: customerActor(stuck),
          subject: stuck,
        });
        locked();
        await released; // the instance stops here, its transaction open and the head locked
        return written;
      },
      { timeout: 60_000 },
    );
    await isLocked;

    let whileFrozen: Awaited<ReturnType<typeof writeAll>>;
    let sameCustomer: string;
    try {
      whileFrozen = await writeAll(others.slice(40));
      // A customer of the frozen partition waits for its head and gives up at lock_timeout.
      sameCustomer = await audited(healthy, stuck).then(
        () => "written",
        (error: unknown) => String(error),
      );
    } finally {
      release(); // also when a write failed, so the frozen transaction does not outlive the test
    }
    const written = await frozenWrite;
    console.log(
      `40 audited writes: ${baseline.ms.toFixed(0)} ms before, ${whileFrozen.ms.toFixed(0)} ms with one partition frozen`,
    );
    expect(whileFrozen.failures).toEqual([]);
    // Full speed, give or take a busy shared machine (a queued write would have taken ≥ 3 s).
    expect(whileFrozen.ms).toBeLessThan(Math.max(3 * baseline.ms, 2_500));
    expect(sameCustomer).toMatch(/lock timeout|canceling statement/i);
    expect(written).toMatchObject({ partition, sequence: 1 });
    expect(await verifyAuditChain({ tx: db })).toMatchObject({ ok: true, count: 81 });
  }, 90_000);
});

describe("partitioned audit log", () => {
  it("keeps every event of one transaction in one partition, whoever it is about", async () => {
    // Another customer, whose own events go to another partition.
    const other = customersOutside(auditPartitionFor("tx-first"), 1, "tx-second")[0] as string;
    const written = await db.$transaction(async (tx) => [
      await writeAuditEvent(tx, {
        type: "profile.updated",
        actor: customerActor("tx-first"),
        subject: "tx-first",
      }),
      await writeAuditEvent(tx, { type: "profile.updated", actor: customerActor(other), subject: other }),
    ]);
    expect(written.map((w) => [w.partition, w.sequence])).toEqual([
      [auditPartitionFor("tx-first"), 1],
      [auditPartitionFor("tx-first"), 2],
    ]);
    expect(await db.auditChainHead.count()).toBe(1);
    expect(await verifyAuditChain({ tx: db })).toMatchObject({ ok: true, count: 2 });
  });

  it("npm run jobs signs a checkpoint when a head moved; a chain rewritten below it is named", async () => {
    const customer = "checkpoint-customer";
    const partition = auditPartitionFor(customer);
    for (let i = 0; i < 3; i++) await audited(db, customer);
    const report = await runJobs({}, { tx: db });
    expect(report.auditCheckpoint).toMatchObject({ number: 1, heads: [[partition, 3, expect.any(String)]] });
    expect((await runJobs({}, { tx: db })).auditCheckpoint).toBeNull(); // nothing moved
    expect(await verifyAuditChain({ tx: db })).toMatchObject({
      ok: true,
      count: 3,
      checkpoint: { number: 1 },
    });

    // Someone with database access rewrites the last event and re-hashes it and the head: the
    // partition's chain alone is consistent again, the signed checkpoint is not.
    const last = await db.auditEvent.findUniqueOrThrow({
      where: { partition_sequence: { partition, sequence: 3 } },
    });
    const hash = computeAuditEventHash({ ...last, type: "auth.signed_out" });
    await db.auditEvent.update({ where: { id: last.id }, data: { type: "auth.signed_out", hash } });
    await db.auditChainHead.update({ where: { partition }, data: { hash } });
    expect(await verifyAuditChain({ tx: db })).toEqual({
      ok: false,
      partition,
      brokenAtSequence: 3,
      reason: "event differs from signed checkpoint 1",
    });
  });
});
