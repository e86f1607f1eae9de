/**
 * The events written before partitions keep verifying (decision 0074): the migration keeps them as
 * partition 0 with their sequence numbers and their old head, and they keep the "audit-v1" formula
 * (without the partition). Rows are written here as the single-head writer wrote them; new events
 * then go to their customers' partitions, never to 0, and the whole log verifies. A legacy row
 * moved into another partition's chain does not.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { customerActor } from "@/lib/server/actor";
import { computeAuditDataHash, computeAuditEventHash, LEGACY_PARTITION } from "@/lib/server/audit/audit-hash";
import { auditPartitionFor } from "@/lib/server/audit/audit-partition";
import { verifyAuditChain } from "@/lib/server/audit/verify-audit-chain";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { emptyAuditLog } from "../support/audit-chain";

const db = createPrismaClient();
afterAll(() => db.$disconnect());

/** Three events as the writer before partitions stored them: one chain, one head. */
async function writeLegacyChain(): Promise<void> {
  let prevHash: string | null = null;
  for (let sequence = 1; sequence <= 3; sequence++) {
    const core = {
      sequence,
      type: "auth.signed_out",
      actorId: "legacy-customer",
      actorRole: "CUSTOMER",
      subjectUserId: "legacy-customer",
      targetType: null,
      targetId: null,
      createdAt: new Date(Date.UTC(2026, 10, sequence)),
    };
    const dataHash = computeAuditDataHash({ ip: "192.0.2.1", userAgent: "old", metadata: null });
    // partition 0 selects the old formula: ["audit-v1", prevHash, sequence, …].
    const hash = computeAuditEventHash({ ...core, partition: LEGACY_PARTITION, dataHash, prevHash });
    await db.auditEvent.create({
      data: { ...core, ip: "192.0.2.1", userAgent: "old", dataHash, prevHash, hash },
    });
    prevHash = hash;
  }
  await db.auditChainHead.create({ data: { partition: LEGACY_PARTITION, sequence: 3, hash: prevHash } });
}

beforeAll(async () => {
  await emptyAuditLog(db);
  await writeLegacyChain();
});

describe("the audit events written before partitions", () => {
  it("verify as partition 0 next to new events, which never join partition 0", async () => {
    expect(await verifyAuditChain({ tx: db })).toMatchObject({ ok: true, count: 3, partitions: 1 });
    const written = await writeAuditEvent(db, {
      type: "auth.signed_out",
      actor: customerActor("legacy-customer"),
      subject: "legacy-customer",
    });
    expect(written).toMatchObject({ partition: auditPartitionFor("legacy-customer"), sequence: 1 });
    expect(written.partition).not.toBe(LEGACY_PARTITION);
    expect(await db.auditChainHead.findUniqueOrThrow({ where: { partition: 0 } })).toMatchObject({
      sequence: 3,
    });
    expect(await verifyAuditChain({ tx: db })).toMatchObject({ ok: true, count: 4, partitions: 2 });
  });

  it("[ATTACKER] a legacy event moved into another partition's chain breaks it", async () => {
    const last = await db.auditEvent.findUniqueOrThrow({
      where: { partition_sequence: { partition: LEGACY_PARTITION, sequence: 3 } },
    });
    const target = auditPartitionFor("legacy-customer");
    // Appended as the next event of the customer's partition, head moved along: only the hash,
    // which names its partition from v2 on, can tell.
    await db.auditEvent.update({
      where: { id: last.id },
      data: {
        partition: target,
        sequence: 2,
        prevHash: (await db.auditChainHead.findUniqueOrThrow({ where: { partition: target } })).hash,
      },
    });
    await db.auditChainHead.update({ where: { partition: target }, data: { sequence: 2, hash: last.hash } });
    await db.auditChainHead.update({
      where: { partition: LEGACY_PARTITION },
      data: { sequence: 2, hash: last.prevHash },
    });
    expect(await verifyAuditChain({ tx: db })).toEqual({
      ok: false,
      partition: target,
      brokenAtSequence: 2,
      reason: "event fields changed (hash mismatch)",
    });
  });
});
