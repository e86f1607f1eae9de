/**
 * Applies the committed migrations for the database DATABASE_URL points at (SQLite or PostgreSQL).
 * Used by `npm start` on every start, by `npm run db:migrate` and by the test setup.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runPrisma } from "./prisma-cli";
import { prepareSqliteFile, resolveDatabaseUrl } from "../../lib/db/database-url";

export function migrateDatabase(databaseUrl: string, opts: { quiet?: boolean } = { quiet: true }): void {
  // The CLI would create a missing SQLite file with the default mode (644).
  prepareSqliteFile(databaseUrl);
  const result = runPrisma(["migrate", "deploy"], databaseUrl, opts);
  if (result.status !== 0) {
    throw new Error(`Applying database migrations failed:\n${result.stdout}\n${result.stderr}`.trim());
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const url = resolveDatabaseUrl(process.env.DATABASE_URL);
  migrateDatabase(url, { quiet: false });
}
