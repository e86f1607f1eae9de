/**
 * `npm run audit:verify` as an operator runs it (issue 12 Done-when 5): a child process on this
 * run's database that exits 0 on an intact chain and 1 on a broken one, naming the broken event by
 * sequence, type and id. The chain's own detection is audit-log.test.ts; this is the command.
 */
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { AUDIT_CHAIN_HEAD_ID } from "@/lib/server/audit/audit-hash";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { anonymousActor } from "@/lib/server/actor";

const db = createPrismaClient();
afterAll(() => db.$disconnect());

// The chain is one per database, shared by the integration files (which run one after another);
// start from an empty one, as audit-log.test.ts does, so rows other files insert raw do not count.
beforeAll(async () => {
  await db.auditEvent.deleteMany({});
  await db.auditChainHead.upsert({
    where: { id: AUDIT_CHAIN_HEAD_ID },
    create: { id: AUDIT_CHAIN_HEAD_ID, sequence: 0 },
    update: { sequence: 0, hash: null },
  });
  for (const type of ["auth.sign_in_failed", "auth.password_reset_requested", "auth.signed_out"] as const)
    await writeAuditEvent(db, { type, actor: anonymousActor({ ip: "203.0.113.9", userAgent: "verify" }) });
});

function auditVerify() {
  const run = spawnSync("npx", ["tsx", "scripts/audit-verify.ts"], {
    env: process.env,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
}

describe("npm run audit:verify", () => {
  it("passes on an intact chain and names the broken event when one row is altered", async () => {
    const intact = auditVerify();
    expect(intact.out).toMatch(/audit chain ok \(\w+\): 3 event\(s\) verified/);
    expect(intact.status).toBe(0);

    const altered = await db.auditEvent.findUniqueOrThrow({ where: { sequence: 2 } });
    await db.auditEvent.update({ where: { id: altered.id }, data: { actorRole: "ADMIN" } });
    const broken = auditVerify();
    expect(broken.status).toBe(1);
    expect(broken.out).toContain(`at sequence 2, event auth.password_reset_requested (id ${altered.id},`);
    expect(broken.out).toContain("hash mismatch");

    await db.auditEvent.update({ where: { id: altered.id }, data: { actorRole: altered.actorRole } });
    expect(auditVerify().status).toBe(0);
  });
});
