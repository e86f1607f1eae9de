/**
 * Issue 12 Done-when 5, issue 16: the audit log stays whole under concurrent writes from several
 * app instances. 200 audited writes (a change and its event in one transaction), all started at
 * once from two Prisma clients (two instances, each with its own pool), spread over the partitions
 * (decision 0074) and leave in each partition a chain with sequences 1…n, each event pointing at
 * the one before (no fork: no two events share a predecessor), 200 events in all, and
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
import { readAuditHeads } from "@/lib/server/audit/audit-checkpoint";
import { verifyAuditChain } from "@/lib/server/audit/verify-audit-chain";
import { redactEmail, writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { emptyAuditLog } from "../support/audit-chain";

const WRITES = 200;
// 200 transactions queue for 2 × 10 connections and then for their partition's head. A burst
// that size is far beyond a request's normal wait, so the instances here wait as long as it takes
// instead of the production limits (5 s for a connection, 10 s for a lock; postgres-settings.ts).
const patient = { postgres: { poolTimeoutMs: 120_000, lockTimeoutMs: 120_000, statementTimeoutMs: 120_000 } };
const QUEUED = { maxWait: 120_000, timeout: 120_000 };
const instanceA = createPrismaClient(undefined, patient);
const instanceB = createPrismaClient(undefined, patient);
afterAll(() => Promise.all([instanceA.$disconnect(), instanceB.$disconnect()]));

// One log per database, shared by the integration files (which run one after another): start
// from an empty one, as audit-log.test.ts does, so rows other files insert raw do not count.
beforeAll(() => emptyAuditLog(instanceA));

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

      // Every write got its own position, and each partition's positions are exactly 1…n.
      const events = await instanceB.auditEvent.findMany({
        orderBy: [{ partition: "asc" }, { sequence: "asc" }],
      });
      expect(events).toHaveLength(WRITES);
      const heads = await readAuditHeads(instanceA);
      expect(heads.length).toBeGreaterThan(10); // spread, not one chain
      for (const [partition, sequence, hash] of heads) {
        const chain = events.filter((e) => e.partition === partition);
        expect(chain.map((e) => e.sequence)).toEqual(Array.from({ length: sequence }, (_, i) => i + 1));
        expect(
          written
            .filter((w) => w.partition === partition)
            .map((w) => w.sequence)
            .sort((a, b) => a - b),
        ).toEqual(chain.map((e) => e.sequence));
        expect(chain[0]?.prevHash).toBeNull();
        for (let i = 1; i < chain.length; i++) expect(chain[i]?.prevHash).toBe(chain[i - 1]?.hash);
        expect(hash).toBe(chain.at(-1)?.hash);
      }
      expect(heads.reduce((sum, [, sequence]) => sum + sequence, 0)).toBe(WRITES);
      expect(new Set(events.map((e) => e.hash)).size).toBe(WRITES); // no fork, no duplicate
      const byInstance = (name: string) =>
        events.filter((e) => (e.metadata as { instance?: string }).instance === name).length;
      expect([byInstance("A"), byInstance("B")]).toEqual([WRITES / 2, WRITES / 2]);
      expect(
        await instanceA.user.count({ where: { emailNormalized: { startsWith: `chain-${run}-` } } }),
      ).toBe(WRITES);
      expect(await verifyAuditChain({ tx: instanceA })).toMatchObject({
        ok: true,
        count: WRITES,
        partitions: heads.length,
      });

      // And the operator's command says so.
      const command = spawnSync("npx", ["tsx", "scripts/audit-verify.ts"], {
        env: process.env,
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(`${command.stdout}${command.stderr}`).toMatch(
        new RegExp(
          `audit chain ok \\(\\w+\\): ${WRITES} event\\(s\\) in ${heads.length} partition\\(s\\) verified`,
        ),
      );
      expect(command.status).toBe(0);
    },
  );
});
