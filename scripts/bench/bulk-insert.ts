/**
 * Fast bulk inserts for the bench's seed, straight through the database drivers the app uses
 * (libsql, pg), bypassing Prisma: a million customers through an ORM would take longer than the
 * bench itself. Values are written in the shapes Prisma itself writes (checked by
 * tests/integration/bench-seed.test.ts, which signs the seeded customers in through the app):
 * SQLite dates as ISO text with "+00:00", booleans as 0/1, Json as text; PostgreSQL gets every
 * column as a text array and casts it to the column's own type, enums included.
 */
import { createRequire } from "node:module";
import path from "node:path";
import type { Client } from "pg";

export type Value = string | number | boolean | Date | Uint8Array | null | { json: unknown };
export type Rows = { table: string; columns: string[]; rows: Value[][] };

export interface BulkTarget {
  dialect: "sqlite" | "postgres";
  insert(batch: Rows): Promise<void>;
  /** One statement with `?` placeholders (values as in `insert`); its rows. */
  query(sql: string, params?: Value[]): Promise<Record<string, unknown>[]>;
  /**
   * Runs a large load into `tables` the way a bulk load is done: secondary indexes dropped and
   * built once at the end, foreign-key triggers off (the rows are consistent by construction).
   */
  bulkLoad(tables: string[], fn: () => Promise<void>): Promise<void>;
  /** Runs `fn` in one transaction (SQLite: one commit instead of one per statement). */
  transaction(fn: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

type LibsqlDatabase = {
  prepare(sql: string): {
    run(...params: unknown[]): unknown;
    get(): unknown;
    all(...params: unknown[]): unknown[];
    reader: boolean;
  };
  exec(sql: string): void;
  close(): void;
};

function sqliteValue(value: Value): unknown {
  if (value === null) return null;
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Uint8Array) return Buffer.from(value);
  if (typeof value === "object") return JSON.stringify(value.json);
  return value;
}

export function sqliteTarget(databaseUrl: string): BulkTarget {
  const require = createRequire(path.join(process.cwd(), "package.json"));
  const Database = require("libsql") as new (file: string) => LibsqlDatabase;
  const db = new Database(databaseUrl.replace(/^file:/, ""));
  db.prepare("PRAGMA busy_timeout = 10000").get();
  return {
    dialect: "sqlite",
    async query(sql, params = []) {
      const statement = db.prepare(sql);
      const values = params.map(sqliteValue);
      if (!statement.reader) {
        statement.run(values);
        return [];
      }
      return statement.all(values) as Record<string, unknown>[];
    },
    async insert({ table, columns, rows }) {
      // SQLite allows 32,766 variables per statement.
      const perStatement = Math.max(1, Math.floor(30_000 / columns.length));
      const head = `INSERT INTO ${quote(table)} (${columns.map(quote).join(", ")}) VALUES `;
      const tuple = `(${columns.map(() => "?").join(", ")})`;
      for (let start = 0; start < rows.length; start += perStatement) {
        const chunk = rows.slice(start, start + perStatement);
        const sql = head + chunk.map(() => tuple).join(", ");
        db.prepare(sql).run(chunk.flat().map(sqliteValue));
      }
    },
    bulkLoad: (_tables, fn) => fn(),
    async transaction(fn) {
      db.exec("BEGIN IMMEDIATE");
      try {
        await fn();
        db.exec("COMMIT");
      } catch (error) {
        db.exec("ROLLBACK");
        throw error;
      }
    },
    async close() {
      db.close();
    },
  };
}

function postgresText(value: Value): string | null {
  if (value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString("hex")}`;
  if (typeof value === "object") return JSON.stringify(value.json);
  return String(value);
}

export async function postgresTarget(databaseUrl: string): Promise<BulkTarget> {
  const { default: pg } = await import("pg");
  const client: Client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const types = new Map<string, Map<string, string>>();
  async function columnTypes(table: string): Promise<Map<string, string>> {
    const known = types.get(table);
    if (known) return known;
    const { rows } = await client.query<{ name: string; type: string }>(
      `SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
       WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`,
      [quote(table)],
    );
    const map = new Map(rows.map((r) => [r.name, r.type]));
    types.set(table, map);
    return map;
  }
  return {
    dialect: "postgres",
    async query(sql, params = []) {
      let n = 0;
      const numbered = sql.replace(/\?/g, () => `$${++n}`);
      return (await client.query(numbered, params.map(postgresText))).rows;
    },
    async insert({ table, columns, rows }) {
      const typeOf = await columnTypes(table);
      // One statement per 20,000 rows: each column travels as one text[] parameter.
      for (let start = 0; start < rows.length; start += 20_000) {
        const chunk = rows.slice(start, start + 20_000);
        const arrays = columns.map((_, c) => chunk.map((row) => postgresText(row[c]!)));
        const casts = columns.map((name, c) => {
          const type = typeOf.get(name);
          if (!type) throw new Error(`bulk insert: no column ${table}.${name}`);
          return `c${c}::${type}`;
        });
        const unnest = columns.map((_, c) => `$${c + 1}::text[]`).join(", ");
        const aliases = columns.map((_, c) => `c${c}`).join(", ");
        await client.query(
          `INSERT INTO ${quote(table)} (${columns.map(quote).join(", ")})
           SELECT ${casts.join(", ")} FROM unnest(${unnest}) AS t(${aliases})`,
          arrays,
        );
      }
    },
    async bulkLoad(tables, fn) {
      const { rows: indexes } = await client.query<{ name: string; definition: string }>(
        `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
         WHERE i.schemaname = current_schema() AND i.tablename = ANY($1::text[])
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
        [tables],
      );
      for (const index of indexes) await client.query(`DROP INDEX ${quote(index.name)}`);
      await client.query("SET session_replication_role = replica");
      try {
        await fn();
      } finally {
        await client.query("SET session_replication_role = DEFAULT");
        for (const index of indexes) await client.query(index.definition);
      }
    },
    async transaction(fn) {
      await client.query("BEGIN");
      try {
        await fn();
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    },
    async close() {
      await client.query("ANALYZE");
      await client.end();
    },
  };
}

export function bulkTarget(databaseUrl: string): Promise<BulkTarget> {
  return databaseUrl.startsWith("file:")
    ? Promise.resolve(sqliteTarget(databaseUrl))
    : postgresTarget(databaseUrl);
}
