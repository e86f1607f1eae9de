/**
 * Preloaded into the server under test only (`node --import tsx --import <this file>`, see
 * portal.ts; with --workers into the cluster's primary and through it into every worker): counts
 * the SQL statements the app sends, at the two database drivers, and answers the running totals
 * on a loopback port of its own. The app's code and its production start are
 * untouched; both drivers are server-external packages (next.config.ts), so the server loads the
 * very module instances patched here.
 *
 * What counts as one statement: one execution of a prepared statement or one `exec` call on
 * libsql (SQLite), one `Client#query` call on pg (PostgreSQL), BEGIN and COMMIT included, since
 * each is a round trip the request waits for.
 */
import cluster from "node:cluster";
import { writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import path from "node:path";

export type QueryCounts = { statements: number; rssBytes: number };

const counts = { statements: 0 };
const PATCHED = Symbol.for("portal.bench.queryCounter");
// With BENCH_SQL_LOG=1 the statements' text is kept too, for the probe (sql-probe.ts) to show
// which statements a request sends; GET /log on the counter's port answers and clears it.
const logging = process.env.BENCH_SQL_LOG === "1";
const statementLog: string[] = [];
const statementText = new WeakMap<object, string>();

function textOf(self: unknown, args: unknown[]): string {
  const first = args[0] as string | { text?: string } | undefined;
  if (typeof first === "string") return first;
  if (first && typeof first === "object" && typeof first.text === "string") return first.text;
  return (self && typeof self === "object" ? statementText.get(self) : undefined) ?? "?";
}

function patch(proto: Record<string | symbol, unknown>, names: string[]): void {
  if (proto[PATCHED]) return; // installed twice: still one count per statement
  proto[PATCHED] = true;
  for (const name of names) {
    const original = proto[name];
    if (typeof original !== "function") throw new Error(`query-counter: no ${name}() to count`);
    proto[name] = function (this: unknown, ...args: unknown[]) {
      counts.statements++;
      if (logging) statementLog.push(textOf(this, args).replace(/\s+/g, " "));
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
  }
}

/** Patches what is installed; a database driver the project does not have is simply not counted. */
export function installQueryCounter(root: string = process.cwd()): string[] {
  const require = createRequire(path.join(root, "package.json"));
  const patched: string[] = [];
  try {
    type LibsqlDb = { prepare(sql: string): object; close(): void };
    const Database = require("libsql") as { new (path: string): LibsqlDb; prototype: object };
    // The Statement class is not exported: reach its prototype through a throwaway statement.
    if (logging) {
      const prepare = (Database.prototype as LibsqlDb).prepare;
      (Database.prototype as LibsqlDb).prepare = function (this: LibsqlDb, sql: string) {
        const statement = prepare.call(this, sql);
        statementText.set(statement, sql);
        return statement;
      };
    }
    const probe = new Database(":memory:");
    const statementProto = Object.getPrototypeOf(probe.prepare("SELECT 1")) as Record<string, unknown>;
    probe.close();
    // all() runs through iterate(), so counting both would count one statement twice.
    patch(statementProto, ["run", "get", "iterate"]);
    patch(Database.prototype as Record<string, unknown>, ["exec"]);
    patched.push("libsql");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") throw error;
  }
  try {
    const pg = require("pg") as { Client: { prototype: Record<string, unknown> } };
    patch(pg.Client.prototype, ["query"]);
    patched.push("pg");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") throw error;
  }
  return patched;
}

export function queryCounts(): QueryCounts {
  return { statements: counts.statements, rssBytes: process.memoryUsage().rss };
}

function serveCounts(port: number, onListening: (port: number) => void = () => {}): void {
  const drivers = installQueryCounter();
  const server = createServer((req, res) => {
    res.writeHead(200, { "Content-Type": "application/json" });
    if (req.url === "/log") res.end(JSON.stringify(statementLog.splice(0)));
    else res.end(JSON.stringify(queryCounts()));
  });
  server
    // exclusive: a cluster worker's listen(0) would otherwise share one port, handed out by the
    // primary, with every other worker; outside a cluster it changes nothing.
    .listen({ port, host: "127.0.0.1", exclusive: true }, () => {
      const { port: actual } = server.address() as AddressInfo;
      console.log(`[bench] counting SQL statements (${drivers.join(", ")}) on 127.0.0.1:${actual}`);
      onListening(actual);
    })
    .unref();
}

const port = Number(process.env.BENCH_QUERY_COUNTER_PORT);
// Under the cluster (bench --workers N) this preload reaches the primary and every worker through
// the primary's execArgv. The primary runs no app and counts nothing; each worker counts its own
// statements on a port the kernel picks and names it in a file of its own (server-processes.ts).
const portDir = process.env.BENCH_QUERY_COUNTER_DIR;
if (port > 0) serveCounts(port);
else if (portDir && cluster.isWorker)
  serveCounts(0, (actual) => writeFileSync(path.join(portDir, String(process.pid)), String(actual)));
