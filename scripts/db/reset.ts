/**
 * `npm run db:reset`: local SQLite only — deletes the database file, then migrates and seeds anew.
 * (`prisma migrate reset` fails on libsql; see docs/decisions/0002.)
 */
import { rmSync } from "node:fs";
import { loadEnv } from "../../lib/env";

const { env } = loadEnv();
if (env.databaseKind !== "sqlite" || env.isPublicUrl) {
  console.error("db:reset only resets a local SQLite database.");
  process.exit(1);
}
const file = env.databaseUrl.slice("file:".length);
for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
console.log(`Deleted ${file}`);
await import("./seed-cli");
