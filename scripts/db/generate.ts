/**
 * Generates both Prisma clients (SQLite and PostgreSQL) from the committed schemas. Runs on
 * `npm install` (postinstall), so a fresh clone has a working client with no other step.
 */
import { DEFAULT_DATABASE_URL } from "../../lib/db/database-url";
import { runPrisma } from "./prisma-cli";

const targets = [
  {
    schema: "prisma/schema.prisma",
    url: process.env.DATABASE_URL?.startsWith("file:") ? process.env.DATABASE_URL : DEFAULT_DATABASE_URL,
  },
  { schema: "prisma/postgresql/schema.prisma", url: "postgresql://localhost:5432/postgres" },
];

for (const target of targets) {
  const result = runPrisma(["generate", "--schema", target.schema], target.url, { quiet: true });
  if (result.status !== 0) {
    console.error(result.stdout, result.stderr);
    throw new Error(`prisma generate failed for ${target.schema}`);
  }
  console.log(`Generated the Prisma client for ${target.schema}`);
}
