/**
 * A pg driver adapter for the Prisma CLI only; the runtime client uses the plain adapter. It works
 * around defects of Prisma 6.19's JS schema engine on PostgreSQL (see
 * docs/decisions/0002-prisma-offline-two-databases.md):
 * - catalog queries return `name`/`char`/`oid`-like columns the adapter cannot deserialise
 *   (prisma/orm#27403): report them as text;
 * - the shadow database is named from discrete config fields (a connection string would win over
 *   the shadow database's name), and it can only be dropped once its pool is closed.
 */
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter } from "@prisma/driver-adapter-utils";

const TEXT = 25;
const TEXT_ARRAY = 1009;
// name, char ("char"), regproc, oid-ish internal names, aclitem → text; name[] / int2vector → text[]
const AS_TEXT = new Set([18, 19, 22, 24, 30, 194]);
const AS_TEXT_ARRAY = new Set([1002, 1003]);

type Field = { dataTypeID: number };
type Queryable = { query: (...args: unknown[]) => Promise<{ fields?: Field[] }> };

/** Rewrites the reported column types of every result so the adapter maps them to text. */
function patchQueries(target: Queryable): void {
  const query = target.query.bind(target);
  target.query = async (...args: unknown[]) => {
    const result = await query(...args);
    for (const field of result.fields ?? []) {
      if (AS_TEXT.has(field.dataTypeID)) field.dataTypeID = TEXT;
      else if (AS_TEXT_ARRAY.has(field.dataTypeID)) field.dataTypeID = TEXT_ARRAY;
    }
    return result;
  };
}

function poolConfig(url: string, database?: string): pg.PoolConfig {
  const parsed = new URL(url);
  return {
    host: decodeURIComponent(parsed.hostname) || parsed.searchParams.get("host") || "localhost",
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username) || undefined,
    password: decodeURIComponent(parsed.password) || undefined,
    database: database ?? decodeURIComponent(parsed.pathname.slice(1) || "postgres"),
    allowExitOnIdle: true,
    max: 2,
  };
}

function adapterOn(pool: pg.Pool): PrismaPg {
  patchQueries(pool as unknown as Queryable);
  return new PrismaPg(pool);
}

export class CliPostgresAdapter extends PrismaPg {
  readonly #url: string;

  constructor(url: string) {
    const pool = new pg.Pool(poolConfig(url));
    patchQueries(pool as unknown as Queryable);
    super(pool);
    this.#url = url;
  }

  // @ts-expect-error -- returns the adapter interface, not the concrete class the typings name
  override async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const name = `prisma_shadow_${crypto.randomUUID().replaceAll("-", "")}`;
    const admin = new pg.Pool(poolConfig(this.#url));
    await admin.query(`CREATE DATABASE "${name}"`);
    const shadowPool = new pg.Pool(poolConfig(this.#url, name));
    const adapter = await adapterOn(shadowPool).connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await shadowPool.end().catch(() => undefined);
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    };
    return adapter;
  }
}
