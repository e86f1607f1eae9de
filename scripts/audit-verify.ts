/**
 * `npm run audit:verify`: re-computes every partition's hash chain of the audit log and checks the
 * latest signed checkpoint on the configured database (docs/decisions/0074); exits 1 when anything
 * is broken (for cron/CI). Prints a digest of all chain heads on success so operators can keep it
 * elsewhere: a copy outside the database is what exposes a rewrite after the latest checkpoint. A
 * broken chain is reported with the event at the broken position (partition, sequence, type, id,
 * time), so the operator can find the row without reading the database by hand.
 *
 * Reads the environment as `npm run jobs` does (scriptEnv): the checkpoints' key is derived from
 * AUTH_SECRET, so both must see the same one.
 */
import { databaseKind } from "../lib/db/database-url";
import { createPrismaClient } from "../lib/db/prisma-client";
import { verifyAuditChain } from "../lib/server/audit/verify-audit-chain";
import { scriptEnv } from "./script-env";

const env = scriptEnv();
const url = env.databaseUrl;
const db = createPrismaClient(url);
try {
  const started = performance.now();
  const result = await verifyAuditChain({ tx: db, secret: env.authSecret });
  const ms = (performance.now() - started).toFixed(0);
  if (result.ok) {
    const checkpoint = result.checkpoint
      ? `latest signed checkpoint ${result.checkpoint.number} of ${result.checkpoint.createdAt.toISOString()}`
      : "no signed checkpoint yet (npm run jobs writes them)";
    console.log(
      `audit chain ok (${databaseKind(url)}): ${result.count} event(s) in ${result.partitions} partition(s) verified in ${ms} ms; ${checkpoint}; heads digest ${result.headsDigest}`,
    );
  } else if (result.partition === null || result.brokenAtSequence === null) {
    console.error(`audit chain BROKEN (${databaseKind(url)}): ${result.reason}`);
    process.exitCode = 1;
  } else {
    const event = await db.auditEvent.findUnique({
      where: { partition_sequence: { partition: result.partition, sequence: result.brokenAtSequence } },
      select: { id: true, type: true, createdAt: true },
    });
    const named = event
      ? `event ${event.type} (id ${event.id}, ${event.createdAt.toISOString()})`
      : "no event stored at that position";
    console.error(
      `audit chain BROKEN (${databaseKind(url)}) in partition ${result.partition} at sequence ${result.brokenAtSequence}, ${named}: ${result.reason}`,
    );
    process.exitCode = 1;
  }
} finally {
  await db.$disconnect();
}
