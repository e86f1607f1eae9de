/**
 * Prisma CLI configuration. Prisma 6.19's native schema engine cannot be downloaded on our machines,
 * so the CLI runs the WASM schema engine through driver adapters (`engine: "js"`).
 * The database is chosen by DATABASE_URL's scheme: `file:` → SQLite schema and migrations in prisma/,
 * `postgres(ql):` → the derived schema and migrations in prisma/postgresql/.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { CliPostgresAdapter } from "./prisma/cli/postgres-adapter";
import { CliSqliteAdapter } from "./prisma/cli/sqlite-adapter";
import { unrefLongTimers } from "./prisma/cli/timers";

// The CLI does not read .env when a config file exists; the schema's env("DATABASE_URL") must be set.
process.env.DATABASE_URL ||= "file:./.data/portal.db";
const url = process.env.DATABASE_URL;
const isPostgres = /^postgres(ql)?:\/\//.test(url);

unrefLongTimers();
// libsql cannot create a database file in a folder that does not exist yet.
if (url.startsWith("file:")) mkdirSync(path.dirname(url.slice("file:".length)), { recursive: true });

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", isPostgres ? "postgresql/schema.prisma" : "schema.prisma"),
  async adapter() {
    return isPostgres ? new CliPostgresAdapter(url) : new CliSqliteAdapter(url);
  },
});
