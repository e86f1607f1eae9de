/**
 * Creates a Prisma client for either database. One build runs on SQLite or PostgreSQL: the
 * DATABASE_URL scheme picks the generated client and its driver adapter (docs/decisions/0002).
 * Both clients come from the same model definitions, so the SQLite client's types describe both.
 * Not `server-only` so that scripts (seed, jobs) and tests can use it; app code imports lib/db.
 */
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter } from "@prisma/driver-adapter-utils";
import { PrismaClient as SqliteClient, type Prisma } from "@/lib/generated/prisma-sqlite/client";
import { PrismaClient as PostgresClient } from "@/lib/generated/prisma-postgres/client";
import { withCustomerNumber } from "./customer-number";
import { databaseKind, prepareSqliteFile, resolveDatabaseUrl } from "./database-url";
import { withTransactionsOnOneConnection } from "./libsql-one-connection";
import { pgPoolConfig, postgresSettings, type PostgresSettings } from "./postgres-settings";

export type Db = SqliteClient;
/**
 * A client inside `db.$transaction(async (tx) => …)`. The root client fits where a Tx is asked, so
 * domain functions take `{ tx }` and default it to the singleton (docs/decisions/0030).
 */
export type Tx = Prisma.TransactionClient;
export type { DatabaseKind } from "./database-url";

/** `postgres` overrides the environment's connection limits (lib/db/postgres-settings.ts). */
export function createPrismaClient(
  rawUrl?: string,
  options: { postgres?: Partial<PostgresSettings> } = {},
): Db {
  const url = resolveDatabaseUrl(rawUrl ?? process.env.DATABASE_URL);
  if (databaseKind(url) === "postgres") {
    const adapter = new ReleasingPrismaPg(pgPoolConfig(url, postgresSettings(process.env, options.postgres)));
    return assignCustomerNumbers(new PostgresClient({ adapter }) as unknown as Db);
  }
  prepareSqliteFile(url);
  // One writer at a time across all processes on the file: a transaction queues behind the
  // others of its process (the adapter's lock) and then for the file's write lock, longer under
  // load than Prisma's default 2 s wait to start one (docs/decisions/0075).
  const transactionOptions = { maxWait: 10_000 };
  return assignCustomerNumbers(new SqliteClient({ adapter: new WalLibSQL({ url }), transactionOptions }));
}

/** Every created User gets its customer number (lib/db/customer-number.ts, decision 0043). */
function assignCustomerNumbers(client: Db): Db {
  return client.$extends({
    query: { user: { create: ({ args, query }) => withCustomerNumber(args, query) } },
  }) as unknown as Db;
}

/**
 * PostgreSQL whose transactions give their connection back even when the server has ended them.
 * Prisma closes a transaction by sending ROLLBACK (or COMMIT) and only then lets the adapter release
 * the pool client; when that statement fails — the server ended the transaction after
 * idle_in_transaction_session_timeout, restarted, or the network broke — the client was never
 * released, and each such transaction took one pool slot for good (postgres-timeouts.test.ts).
 */
class ReleasingPrismaPg extends PrismaPg {
  override async connect() {
    const adapter = await super.connect();
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const tx = await startTransaction(isolationLevel);
      const executeRaw = tx.executeRaw.bind(tx);
      tx.executeRaw = async (query) => {
        try {
          return await executeRaw(query);
        } catch (error) {
          // The closing statement failed: release the client (a broken one leaves the pool).
          if (/^(ROLLBACK|COMMIT)$/i.test(query.sql.trim())) await tx.rollback();
          throw error;
        }
      };
      return tx;
    };
    return adapter;
  }
}

/**
 * Per connection, for several processes on one file (`npm start` runs one worker per core;
 * docs/decisions/0075): a short busy timeout — SQLite waits in a sleep that blocks the worker's
 * thread; the longer wait for another process's write lock (up to 5 s) happens asynchronously in
 * libsql-one-connection.ts; checkpoint the WAL into the database
 * after every 1000 pages (SQLite's default, stated here because the bound depends on it) and cut the
 * -wal file back to 16 MiB when it is reset, so that a burst does not leave it large for good.
 */
export const SQLITE_CONNECTION_PRAGMAS = [
  "PRAGMA busy_timeout = 20",
  "PRAGMA wal_autocheckpoint = 1000",
  `PRAGMA journal_size_limit = ${16 * 1024 * 1024}`,
];

/**
 * SQLite in write-ahead-log mode: readers no longer wait for (or fail on) a writer in another
 * connection — the server, `npm run jobs` and the tests' own client share one file. The mode is
 * stored in the database file; setting it again is a no-op.
 */
class WalLibSQL extends PrismaLibSQL {
  // Transactions on the client's own connection instead of a new one each (libsql-one-connection.ts).
  override createClient(config: Parameters<PrismaLibSQL["createClient"]>[0]) {
    return withTransactionsOnOneConnection(() => super.createClient(config), SQLITE_CONNECTION_PRAGMAS);
  }

  override async connect(): Promise<SqlDriverAdapter> {
    const adapter = await super.connect();
    await adapter.queryRaw({ sql: "PRAGMA journal_mode = WAL", args: [], argTypes: [] });
    return adapter;
  }
}
