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
 */
import type { Client, InArgs, InStatement, ResultSet, Transaction, TransactionMode } from "@libsql/client";

const BEGIN: Record<TransactionMode, string> = {
  write: "BEGIN IMMEDIATE",
  read: "BEGIN TRANSACTION READONLY",
  deferred: "BEGIN DEFERRED",
};

export function withTransactionsOnOneConnection(create: () => Client): Client {
  let inner = create();
  let suspect = false;
  const execute = async (stmtOrSql: InStatement | string, args?: InArgs) => {
    const stmt = typeof stmtOrSql === "string" ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql;
    try {
      return await inner.execute(stmt);
    } catch (error) {
      suspect = true;
      throw error;
    }
  };
  const transaction = async (mode: TransactionMode = "write") => {
    if (suspect) {
      try {
        inner.close();
      } catch {
        // a connection that cannot close now is left to the garbage collector
      }
      inner = create();
      suspect = false;
    }
    await execute(BEGIN[mode]);
    return sameConnectionTransaction(execute);
  };
  const overrides: Partial<Client> = {
    execute: execute as Client["execute"],
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
