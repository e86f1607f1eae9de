/**
 * Derives prisma/postgresql/schema.prisma from the SQLite source of truth, prisma/schema.prisma:
 * only the datasource provider and the generated client's folder differ. `--check` fails when the
 * committed file is out of date (CI runs it through `npm run db:check`).
 */
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SQLITE_SCHEMA = path.join(ROOT, "prisma/schema.prisma");
export const POSTGRES_SCHEMA = path.join(ROOT, "prisma/postgresql/schema.prisma");

const HEADER =
  "// GENERATED from prisma/schema.prisma by scripts/db/derive-postgres-schema.ts: do not edit.\n";

function replaceOnce(source: string, pattern: RegExp, replacement: string, what: string): string {
  if (!pattern.test(source))
    throw new Error(`prisma/schema.prisma: cannot find ${what} to derive the PostgreSQL schema`);
  return source.replace(pattern, replacement);
}

export function derivePostgresSchema(source: string): string {
  let out = replaceOnce(source, /provider\s*=\s*"sqlite"/, 'provider = "postgresql"', 'provider = "sqlite"');
  out = replaceOnce(
    out,
    /output\s*=\s*"\.\.\/lib\/generated\/prisma-sqlite"/,
    'output     = "../../lib/generated/prisma-postgres"',
    'output = "../lib/generated/prisma-sqlite"',
  );
  return HEADER + out;
}

function main(): void {
  const derived = derivePostgresSchema(readFileSync(SQLITE_SCHEMA, "utf8"));
  if (process.argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(POSTGRES_SCHEMA, "utf8");
    } catch {
      // missing counts as out of date
    }
    if (current !== derived) {
      console.error(
        "prisma/postgresql/schema.prisma is out of date: run `npm run db:new-migration -- <name>`",
      );
      process.exit(1);
    }
    console.log("prisma/postgresql/schema.prisma is up to date");
    return;
  }
  mkdirSync(path.dirname(POSTGRES_SCHEMA), { recursive: true });
  writeFileSync(POSTGRES_SCHEMA, derived);
  console.log("wrote prisma/postgresql/schema.prisma");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
