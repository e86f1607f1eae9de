/**
 * `npm run audit:verify`: re-computes the audit log's hash chain on the configured database and
 * exits 1 when it is broken (for cron/CI). Prints the head hash on success so operators can keep
 * it elsewhere: a copy outside the database is what exposes a rewrite of the whole chain. A broken
 * chain is reported with the event at the broken position (sequence, type, id, time), so the
 * operator can find the row without reading the database by hand.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { databaseKind, resolveDatabaseUrl } from "../lib/db/database-url";
import { createPrismaClient } from "../lib/db/prisma-client";
import { verifyAuditChain } from "../lib/server/audit/verify-audit-chain";

// Same rule as `npm start`: a .env file is optional and the real environment wins over it.
const dotenv = path.resolve(".env");
if (existsSync(dotenv)) process.loadEnvFile(dotenv);

const url = resolveDatabaseUrl(process.env.DATABASE_URL);
const db = createPrismaClient(url);
try {
  const started = performance.now();
  const result = await verifyAuditChain({ tx: db });
  const ms = (performance.now() - started).toFixed(0);
  if (result.ok) {
    console.log(
      `audit chain ok (${databaseKind(url)}): ${result.count} event(s) verified in ${ms} ms; head hash ${result.headHash ?? "none"}`,
    );
  } else {
    const event = await db.auditEvent.findUnique({
      where: { sequence: result.brokenAtSequence },
      select: { id: true, type: true, createdAt: true },
    });
    const named = event
      ? `event ${event.type} (id ${event.id}, ${event.createdAt.toISOString()})`
      : "no event stored at that position";
    console.error(
      `audit chain BROKEN (${databaseKind(url)}) at sequence ${result.brokenAtSequence}, ${named}: ${result.reason}`,
    );
    process.exitCode = 1;
  }
} finally {
  await db.$disconnect();
}
