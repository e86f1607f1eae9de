/**
 * A libsql driver adapter for the Prisma CLI only (migrate deploy/diff/status); the app's runtime
 * client uses the plain adapter. It works around two defects of Prisma 6.19's JS schema engine on
 * SQLite (see docs/decisions/0002-prisma-offline-two-databases.md):
 * - the shadow database is `:memory:`, which libsql loses between connections: use a temporary file;
 * - argument-less multi-statement scripts run only their first statement: run them as a script.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import type { SqlDriverAdapter, SqlQuery } from "@prisma/driver-adapter-utils";

type ScriptCapable = SqlDriverAdapter & { executeScript(script: string): Promise<void> };

function hasSeveralStatements(sql: string): boolean {
  const trimmed = sql.trim().replace(/;\s*$/, "");
  return trimmed.includes(";");
}

function runScriptsWhole(adapter: ScriptCapable): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.executeRaw = async (query: SqlQuery) => {
    if (query.args.length === 0 && hasSeveralStatements(query.sql)) {
      await adapter.executeScript(query.sql);
      return 0;
    }
    return executeRaw(query);
  };
  adapter.queryRaw = async (query: SqlQuery) => {
    if (query.args.length === 0 && hasSeveralStatements(query.sql)) {
      await adapter.executeScript(query.sql);
      return { columnNames: [], columnTypes: [], rows: [] };
    }
    return queryRaw(query);
  };
  return adapter;
}

export class CliSqliteAdapter extends PrismaLibSQL {
  readonly #url: string;

  constructor(url: string) {
    super({ url });
    this.#url = url;
  }

  override async connect(): Promise<SqlDriverAdapter> {
    return runScriptsWhole((await super.connect()) as ScriptCapable);
  }

  override async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const dir = mkdtempSync(path.join(tmpdir(), "prisma-shadow-"));
    const shadow = new PrismaLibSQL({ url: `file:${path.join(dir, "shadow.db")}` });
    const adapter = runScriptsWhole((await shadow.connect()) as ScriptCapable);
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      rmSync(dir, { recursive: true, force: true });
    };
    return adapter;
  }

  get url(): string {
    return this.#url;
  }
}
