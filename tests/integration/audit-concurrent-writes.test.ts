/**
 * Issue 12 Done-when 5: the audit chain stays one chain under concurrent writes from several app
 * instances. 200 audited writes (a change and its event in one transaction), all started at once
 * from two Prisma clients (two instances, each with its own pool), leave 200 events with sequences
 * 1…200, each pointing at the one before (no fork: no two events share a predecessor), and
 * `npm run audit:verify` passes on the result.
 *
 * On SQLite two clients on one file answer SQLITE_BUSY instead of waiting (the libsql driver sets no
 * busy timeout, issue 16); there a write that meets it is retried whole, as withTransientRetry does
 * for the app's single statements, and the chain must still come out whole.
 */
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTransientRetry } from "@/lib/db/db-retry";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { customerActor } from "@/lib/server/actor";
import { AUDIT_CHAIN_HEAD_ID } from "@/lib/server/audit/audit-hash";
import { verifyAuditChain } from "@/lib/server/audit/verify-audit-chain";
import { redactEmail, writeAuditEvent } from "@/lib/server/audit/write-audit-event";

const WRITES = 200;
// 200 transactions queue for 2 × 10 connections and then one by one for the chain head. A burst
// that size is far beyond a request's normal wait, so the instances here wait as long as it takes
// instead of the production limits (5 s for a connection, 10 s for a lock; postgres-settings.ts).
const patient = { postgres: { poolTimeoutMs: 120_000, lockTimeoutMs: 120_000, statementTimeoutMs: 120_000 } };
const QUEUED = { maxWait: 120_000, timeout: 120_000 };
const instanceA = createPrismaClient(undefined, patient);
const instanceB = createPrismaClient(undefined, patient);
afterAll(() => Promise.all([instanceA.$disconnect(), instanceB.$disconnect()]));

// One chain per database, shared by the integration files (which run one after another): start
// from an empty one, as audit-log.test.ts does, so rows other files insert raw do not count.
beforeAll(async () => {
  await instanceA.auditEvent.deleteMany({});
  await instanceA.auditChainHead.upsert({
    where: { id: AUDIT_CHAIN_HEAD_ID },
    create: { id: AUDIT_CHAIN_HEAD_ID, sequence: 0 },
    update: { sequence: 0, hash: null },
  });
});

describe("audit chain under concurrent writes from two instances", () => {
  it(
    `${WRITES} audited writes at once from two Prisma clients leave one unbroken, verifying chain`,
    { timeout: 300_000 },
    async () => {
      const run = randomUUID();
      const write = (i: number) =>
        withTransientRetry(
          () =>
            (i % 2 ? instanceB : instanceA).$transaction(async (tx) => {
              const email = `chain-${run}-${i}@example.com`;
              const user = await tx.user.create({ data: { email, emailNormalized: email } });
              return writeAuditEvent(tx, {
                type: "auth.registered",
                actor: customerActor(user.id, { ip: "192.0.2.20", userAgent: "vitest" }),
                subject: user.id,
                metadata: { run, index: i, instance: i % 2 ? "B" : "A", email: redactEmail(email) },
              });
            }, QUEUED),
          20,
        );
      // Settled, not Promise.all: a failure is reported once every write has ended, not while the
      // rest still run against the database.
      const outcomes = await Promise.allSettled(Array.from({ length: WRITES }, (_, i) => write(i)));
      const failures = outcomes.flatMap((o) => (o.status === "rejected" ? [String(o.reason)] : []));
      expect(failures.slice(0, 3), `${failures.length} writes failed`).toEqual([]);
      const written = outcomes.flatMap((o) => (o.status === "fulfilled" ? [o.value] : []));

      // Every write got its own position, and the positions are exactly 1…200.
      expect(written.map((w) => w.sequence).sort((a, b) => a - b)).toEqual(
        Array.from({ length: WRITES }, (_, i) => i + 1),
      );
      const events = await instanceB.auditEvent.findMany({ orderBy: { sequence: "asc" } });
      expect(events).toHaveLength(WRITES);
      expect(events[0]?.prevHash).toBeNull();
      for (let i = 1; i < events.length; i++) expect(events[i]?.prevHash).toBe(events[i - 1]?.hash);
      expect(new Set(events.map((e) => e.prevHash)).size).toBe(WRITES); // no fork
      const byInstance = (name: string) =>
        events.filter((e) => (e.metadata as { instance?: string }).instance === name).length;
      expect([byInstance("A"), byInstance("B")]).toEqual([WRITES / 2, WRITES / 2]);
      expect(
        await instanceA.user.count({ where: { emailNormalized: { startsWith: `chain-${run}-` } } }),
      ).toBe(WRITES);
      expect(await verifyAuditChain({ tx: instanceA })).toEqual({
        ok: true,
        count: WRITES,
        headHash: events.at(-1)?.hash,
      });

      // And the operator's command says so.
      const command = spawnSync("npx", ["tsx", "scripts/audit-verify.ts"], {
        env: process.env,
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(`${command.stdout}${command.stderr}`).toMatch(
        new RegExp(`audit chain ok \\(\\w+\\): ${WRITES} event\\(s\\) verified`),
      );
      expect(command.status).toBe(0);
    },
  );
});
