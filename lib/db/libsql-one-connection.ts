/**
 * Interactive transactions on the libsql client's one connection (docs/decisions/0059).
 *
 * @libsql/client's `transaction()` hands its current connection to the transaction and opens a new
 * one for the client's next statement; the transaction's connection is never closed. Each Prisma
 * interactive transaction thus leaked a SQLite connection (the file and its -wal: two descriptors,
 * plus memory): >1,000 after a sign-in load, ~1 GB RSS (issue 16). Nothing is gained by the second
 * connection: Prisma's libsql adapter holds one lock from BEGIN to COMMIT that every other statement
 * of the client waits for, so statements never run beside a transaction anyway. Here the transaction
 * runs BEGIN, its statements and COMMIT/ROLLBACK on the client's own connection.
 *
 * One catch: a statement that fails (SQLITE_BUSY when another process holds the write lock) can stay
 * "in progress" on its connection, and every later COMMIT there fails ("cannot commit transaction -
 * SQL statements in progress"). After a failed statement the connection is therefore replaced by a
 * fresh one before the next transaction begins; that is rare (another process writing) and cheap.
 *
 * Several processes on one file (`npm start` runs one worker per core, docs/decisions/0075): every
 * transaction takes the write lock up front (BEGIN IMMEDIATE, whatever mode Prisma asks for). In WAL
 * a DEFERRED transaction that read first and then loses the race for the write lock fails with
 * SQLITE_BUSY at once — the busy timeout cannot help it, as waiting would not make its snapshot
 * current. Nearly every app transaction writes (its audit event), and one client's transactions
 * are serialised by the adapter anyway, so nothing is lost by asking for the lock at BEGIN, where
 * the busy timeout (set on each new connection by `setup`) lets it wait for the other process.
 */
import type { Client, InArgs, InStatement, ResultSet, Transaction, TransactionMode } from "@libsql/client";
import { SQLITE_BUSY } from "./unavailable";

const BEGIN: Record<TransactionMode, string> = {
  write: "BEGIN IMMEDIATE",
  read: "BEGIN TRANSACTION READONLY",
  // Prisma asks for "deferred" for every transaction; see above for why it gets the lock up front.
  deferred: "BEGIN IMMEDIATE",
};

/** How long a BEGIN or a statement outside a transaction keeps trying for another process's lock. */
export const LOCK_WAIT_MS = 5_000;

/** `setup`: statements run on every new connection before its first statement (PRAGMAs). */
export function withTransactionsOnOneConnection(create: () => Client, setup: string[] = []): Client {
  const open = () => {
    const client = create();
    const ready = (async () => {
      for (const sql of setup) await client.execute(sql);
    })();
    ready.catch(() => undefined); // reported by the first statement that awaits it
    return { client, ready };
  };
  let { client: inner, ready } = open();
  let suspect = false;
  const renew = () => {
    if (!suspect) return;
    try {
      inner.close();
    } catch {
      // a connection that cannot close now is left to the garbage collector
    }
    ({ client: inner, ready } = open());
    suspect = false;
  };
  const execute = async (stmtOrSql: InStatement | string, args?: InArgs) => {
    const stmt = typeof stmtOrSql === "string" ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql;
    try {
      await ready;
      return await inner.execute(stmt);
    } catch (error) {
      suspect = true;
      throw error;
    }
  };
  /**
   * Another process holds the write lock: wait for it here, asynchronously, rather than in SQLite's
   * busy handler, which sleeps on the worker's only thread (no request is served meanwhile) and
   * polls only every 100 ms — too seldom to find the gap between the other process's transactions.
   * The connection's own busy timeout is short (prisma-client.ts); a statement that met SQLITE_BUSY
   * is retried on a fresh connection (see above). Only for statements that took no effect: a BEGIN,
   * or an autocommit statement outside a transaction.
   */
  const executeWaiting = async (stmtOrSql: InStatement | string, args?: InArgs) => {
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (let attempt = 0; ; attempt++) {
      renew();
      try {
        return await execute(stmtOrSql, args);
      } catch (error) {
        if (!isBusy(error) || Date.now() >= deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(16, 2 ** attempt)));
      }
    }
  };
  const transaction = async (mode: TransactionMode = "write") => {
    // One turn of the event loop between this process's transactions: a gap in which another
    // process waiting for the write lock can take it (without it, a busy worker would hand the lock
    // from one of its transactions straight to the next).
    await new Promise((resolve) => setImmediate(resolve));
    await executeWaiting(BEGIN[mode]);
    return sameConnectionTransaction(execute);
  };
  const overrides: Partial<Client> = {
    execute: executeWaiting as Client["execute"],
    transaction,
    close: () => inner.close(),
  };
  return new Proxy(inner, {
    get(_target, property) {
      if (property in overrides) return overrides[property as keyof Client];
      const value: unknown = Reflect.get(inner, property);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(inner) : value;
    },
  });
}

function isBusy(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return SQLITE_BUSY.test(`${String(code)} ${String(message)}`);
}

function sameConnectionTransaction(execute: (stmt: InStatement) => Promise<ResultSet>): Transaction {
  let open = true;
  const ensureOpen = () => {
    if (!open) throw new Error("The transaction is closed");
  };
  const end = async (statement: "COMMIT" | "ROLLBACK") => {
    ensureOpen();
    try {
      await execute(statement);
    } catch (error) {
      // A failed COMMIT leaves the transaction open on the shared connection: end it, or the
      // client's next statements would run inside it.
      await execute("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      open = false;
    }
  };
  return {
    execute: async (stmtOrSql: InStatement | string, args?: InArgs) => {
      ensureOpen();
      return execute(typeof stmtOrSql === "string" ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql);
    },
    batch: async (stmts) => {
      const results = [];
      for (const stmt of stmts) {
        ensureOpen();
        results.push(await execute(stmt));
      }
      return results;
    },
    executeMultiple: async () => {
      throw new Error("executeMultiple is not supported inside a transaction");
    },
    commit: () => end("COMMIT"),
    rollback: async () => {
      if (open) await end("ROLLBACK");
    },
    close: () => {
      if (open) void end("ROLLBACK").catch(() => undefined);
    },
    get closed() {
      return !open;
    },
  };
}
