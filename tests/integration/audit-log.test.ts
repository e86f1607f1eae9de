import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma-sqlite/client";
import { AuditMetadataError, type AuditMetadata } from "@/lib/server/audit/audit-metadata";
import { verifyAuditChain } from "@/lib/server/audit/verify-audit-chain";
import { redactEmail, writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { anonymousActor, customerActor } from "@/lib/server/actor";
import { readAuditHeads } from "@/lib/server/audit/audit-checkpoint";
import { auditPartitionFor } from "@/lib/server/audit/audit-partition";
import { emptyAuditLog } from "../support/audit-chain";

const db = createPrismaClient();
afterAll(() => db.$disconnect());

// The log is one per database and this run's database is shared by every integration file, some
// of which insert raw audit rows (data-model.test.ts). This file therefore starts from an empty
// log; files run one after another, so nothing appends meanwhile.
beforeAll(() => emptyAuditLog(db));

// Prisma's marker for a database NULL in a Json column (a plain null would be a JSON null).
const DbNull = Prisma.DbNull;

class RollBack extends Error {}

// 20 transactions on a pool of 10 queue for a connection and then for the chain head; on a busy CI
// machine Prisma's defaults (2 s to start, 5 s to finish) failed some of them with a timeout.
const QUEUED = { maxWait: 60_000, timeout: 60_000 };

async function eventAt(partition: number, sequence: number) {
  return db.auditEvent.findUniqueOrThrow({ where: { partition_sequence: { partition, sequence } } });
}

// One customer's events form one partition's chain (decision 0074): the tamper tests use theirs.
const SUBJECT = "audit-log-subject";
const PARTITION = auditPartitionFor(SUBJECT);

describe("audit log hash chain", () => {
  it("appends gap-free, verifying chains from 20 concurrent transactions; rolled-back ones leave no trace", async () => {
    const run = randomUUID();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        db.$transaction(async (tx) => {
          // The audited change and its event commit together, or neither does.
          const email = `audit-${run}-${i}@example.com`;
          const user = await tx.user.create({ data: { email, emailNormalized: email } });
          await writeAuditEvent(tx, {
            type: "auth.registered",
            actor: customerActor(user.id, { ip: `192.0.2.${i}`, userAgent: "vitest" }),
            subject: user.id,
            metadata: { run, index: i, email: redactEmail(email), nested: { z: 1, a: [true, null, "x"] } },
          });
          if (i % 4 === 3) throw new RollBack(); // 5 of 20 fail after writing their event
        }, QUEUED),
      ),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(15);
    for (const o of outcomes) if (o.status === "rejected") expect(o.reason).toBeInstanceOf(RollBack);

    const events = await db.auditEvent.findMany({ orderBy: [{ partition: "asc" }, { sequence: "asc" }] });
    expect(events).toHaveLength(15);
    // Each customer's event joined its partition's chain: gap-free from 1, each on its predecessor.
    const heads = await readAuditHeads(db);
    for (const [partition, sequence, hash] of heads) {
      const chain = events.filter((e) => e.partition === partition);
      expect(chain.map((e) => e.sequence)).toEqual(Array.from({ length: sequence }, (_, i) => i + 1));
      for (const [i, e] of chain.entries()) expect(e.prevHash).toBe(i === 0 ? null : chain[i - 1]!.hash);
      expect(hash).toBe(sequence === 0 ? null : chain.at(-1)!.hash);
    }
    for (const e of events) {
      expect(e.partition).toBe(auditPartitionFor(e.subjectUserId));
      expect(e.metadata).toMatchObject({ run, email: expect.stringMatching(/^a\*\*\*@example\.com$/) });
      expect((e.metadata as { index: number }).index % 4).not.toBe(3);
    }
    expect(await db.user.count({ where: { emailNormalized: { startsWith: `audit-${run}-` } } })).toBe(15);
    expect(await verifyAuditChain({ tx: db })).toMatchObject({ ok: true, count: 15, checkpoint: null });
  });

  it("opens its own transaction when given the root client", async () => {
    const written = await writeAuditEvent(db, { type: "auth.sign_in_failed", actor: anonymousActor() });
    expect(await eventAt(written.partition, written.sequence)).toMatchObject({
      hash: written.hash,
      metadata: null,
      ip: null,
    });
    expect(await verifyAuditChain({ tx: db })).toMatchObject({ ok: true, count: 16 });
  });

  it("refuses metadata keys that name secrets and writes nothing", async () => {
    const heads = await readAuditHeads(db);
    const forbidden: AuditMetadata[] = [
      { password: "x" },
      { detail: { resetToken: "x" } },
      { iban: "DE89…" },
    ];
    for (const metadata of forbidden) {
      await expect(
        db.$transaction((tx) =>
          writeAuditEvent(tx, { type: "auth.password_changed", actor: customerActor("someone"), metadata }),
        ),
      ).rejects.toBeInstanceOf(AuditMetadataError);
    }
    expect(await readAuditHeads(db)).toEqual(heads);
  });

  it("detects a changed metadata value or type at that sequence, and accepts a proper redaction", async () => {
    for (let i = 0; i < 5; i++)
      await writeAuditEvent(db, {
        type: "auth.signed_out",
        actor: customerActor(SUBJECT, { ip: "192.0.2.77", userAgent: "vitest" }),
        subject: SUBJECT,
        metadata: { index: i },
      });
    const { count } = (await verifyAuditChain({ tx: db })) as { count: number };
    expect(count).toBeGreaterThanOrEqual(21);
    const target = await eventAt(PARTITION, 3);

    await db.auditEvent.update({ where: { id: target.id }, data: { metadata: { run: "forged" } } });
    expect(await verifyAuditChain({ tx: db })).toEqual({
      ok: false,
      partition: PARTITION,
      brokenAtSequence: 3,
      reason: expect.stringContaining("dataHash"),
    });
    // Disguising the forgery as an erasure does not help: a redacted row must carry no data.
    await db.auditEvent.update({ where: { id: target.id }, data: { redactedAt: new Date() } });
    expect(await verifyAuditChain({ tx: db })).toMatchObject({
      ok: false,
      partition: PARTITION,
      brokenAtSequence: 3,
    });
    // The real erasure path: personal fields blanked, redactedAt set; the chain still verifies.
    await db.auditEvent.update({
      where: { id: target.id },
      data: { ip: null, userAgent: null, metadata: DbNull, redactedAt: new Date() },
    });
    expect(await verifyAuditChain({ tx: db })).toMatchObject({ ok: true, count });

    const other = await eventAt(PARTITION, 4);
    await db.auditEvent.update({ where: { id: other.id }, data: { type: "auth.email_verified" } });
    expect(await verifyAuditChain({ tx: db })).toEqual({
      ok: false,
      partition: PARTITION,
      brokenAtSequence: 4,
      reason: expect.stringContaining("hash mismatch"),
    });
    await db.auditEvent.update({ where: { id: other.id }, data: { type: other.type } });
    expect(await verifyAuditChain({ tx: db })).toMatchObject({ ok: true, count });
  });

  it("detects a deleted event in the middle and at the end", async () => {
    const { count } = (await verifyAuditChain({ tx: db })) as { count: number };
    const head = await db.auditChainHead.findUniqueOrThrow({ where: { partition: PARTITION } });
    const middle = await eventAt(PARTITION, 2);
    const last = await eventAt(PARTITION, head.sequence);
    const restore = (row: typeof middle) =>
      db.auditEvent.create({ data: { ...row, metadata: row.metadata ?? DbNull } });

    await db.auditEvent.delete({ where: { id: middle.id } });
    expect(await verifyAuditChain({ tx: db })).toMatchObject({
      ok: false,
      partition: PARTITION,
      brokenAtSequence: 2,
    });
    await restore(middle);

    await db.auditEvent.delete({ where: { id: last.id } });
    expect(await verifyAuditChain({ tx: db })).toMatchObject({
      ok: false,
      partition: PARTITION,
      brokenAtSequence: head.sequence,
    });
    await restore(last);
    expect(await verifyAuditChain({ tx: db })).toMatchObject({ ok: true, count });
  });
});
