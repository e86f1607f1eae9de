/**
 * `npm run audit:verify` as an operator runs it (issue 12 Done-when 5, issue 16): a child process
 * on this run's database that exits 0 on an intact log and 1 on a broken one, naming the broken
 * event by partition, sequence, type and id. Tampering an operator must see (decision 0074): an
 * altered row, a deleted event, and a partition's tail deleted with its head row rewound, which
 * only the signed checkpoint `npm run jobs` writes can expose. The chain's own detection is
 * audit-log.test.ts; this is the command.
 */
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { Prisma } from "@/lib/generated/prisma-sqlite/client";
import { writeAuditCheckpoint } from "@/lib/server/audit/audit-checkpoint";
import { auditPartitionFor } from "@/lib/server/audit/audit-partition";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { anonymousActor, customerActor } from "@/lib/server/actor";
import { emptyAuditLog } from "../support/audit-chain";

const db = createPrismaClient();
afterAll(() => db.$disconnect());

const CUSTOMER = "verify-command-customer";
const PARTITION = auditPartitionFor(CUSTOMER);
const secret = process.env.AUTH_SECRET as string;

// The log is one per database, shared by the integration files (which run one after another);
// start from an empty one, as audit-log.test.ts does, so rows other files insert raw do not count.
beforeAll(async () => {
  await emptyAuditLog(db);
  const actor = customerActor(CUSTOMER, { ip: "203.0.113.9", userAgent: "verify" });
  for (const type of ["auth.sign_in_failed", "auth.password_reset_requested", "auth.signed_out"] as const)
    await writeAuditEvent(db, { type, actor, subject: CUSTOMER });
  await writeAuditEvent(db, { type: "auth.sign_in_failed", actor: anonymousActor() });
});

function auditVerify() {
  const run = spawnSync("npx", ["tsx", "scripts/audit-verify.ts"], {
    env: process.env,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
}

const at = (sequence: number) =>
  db.auditEvent.findUniqueOrThrow({ where: { partition_sequence: { partition: PARTITION, sequence } } });
const restore = (row: Awaited<ReturnType<typeof at>>) =>
  db.auditEvent.create({ data: { ...row, metadata: row.metadata ?? Prisma.DbNull } });

describe("npm run audit:verify", () => {
  it("passes on an intact log and names the broken event when one row is altered", async () => {
    const intact = auditVerify();
    expect(intact.out).toMatch(/audit chain ok \(\w+\): 4 event\(s\) in \d+ partition\(s\) verified/);
    expect(intact.out).toContain("no signed checkpoint yet");
    expect(intact.status).toBe(0);

    const altered = await at(2);
    await db.auditEvent.update({ where: { id: altered.id }, data: { actorRole: "ADMIN" } });
    const broken = auditVerify();
    expect(broken.status).toBe(1);
    expect(broken.out).toContain(
      `in partition ${PARTITION} at sequence 2, event auth.password_reset_requested (id ${altered.id},`,
    );
    expect(broken.out).toContain("hash mismatch");

    await db.auditEvent.update({ where: { id: altered.id }, data: { actorRole: altered.actorRole } });
    expect(auditVerify().status).toBe(0);
  });

  it("names the position of a deleted event", async () => {
    const deleted = await at(2);
    await db.auditEvent.delete({ where: { id: deleted.id } });
    const broken = auditVerify();
    expect(broken.status).toBe(1);
    expect(broken.out).toContain(`in partition ${PARTITION} at sequence 2, no event stored at that position`);
    expect(broken.out).toContain("gap in the sequence");
    await restore(deleted);
    expect(auditVerify().status).toBe(0);
  });

  it("finds a partition's tail deleted with its head rewound, up to the last signed checkpoint", async () => {
    const checkpoint = await writeAuditCheckpoint({ secret }, { tx: db });
    expect(checkpoint?.number).toBe(1);
    const signed = auditVerify();
    expect(signed.out).toContain("latest signed checkpoint 1 of ");
    expect(signed.status).toBe(0);

    // The newest event of the partition and its head rewound to the one before: a consistent,
    // shorter chain that verifies on its own.
    const tail = await at(3);
    const before = await at(2);
    await db.auditEvent.delete({ where: { id: tail.id } });
    await db.auditChainHead.update({
      where: { partition: PARTITION },
      data: { sequence: 2, hash: before.hash },
    });
    const broken = auditVerify();
    expect(broken.status).toBe(1);
    expect(broken.out).toContain(
      `in partition ${PARTITION} at sequence 3, no event stored at that position: events missing up to signed checkpoint 1 at sequence 3 (tail deleted)`,
    );

    // Re-signing the shorter heads needs AUTH_SECRET: a checkpoint forged without it is refused.
    await db.auditCheckpoint.update({
      where: { number: 1 },
      data: { heads: [[PARTITION, 2, before.hash]] },
    });
    const forged = auditVerify();
    expect(forged.status).toBe(1);
    expect(forged.out).toContain("checkpoint 1: signature invalid");

    await db.auditCheckpoint.deleteMany({});
    await restore(tail);
    await db.auditChainHead.update({
      where: { partition: PARTITION },
      data: { sequence: 3, hash: tail.hash },
    });
    expect(auditVerify().status).toBe(0);
  });
});
