/**
 * `npm run bench`: the end-to-end load bench (issue 16; what it measures and why is in
 * docs/decisions/0031-load-bench.md). Prints a table and writes bench/results/<time>.json plus
 * latest.json and latest.md. `--help` lists the options.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { pageCustomers, passkeyCustomers, signInOrder } from "./customers";
import { BENCH_HELP, parseBenchOptions, type BenchOptions } from "./options";
import { benchEnvironment, ensureBuild, prepareDatabase, startPortal, type Portal } from "./portal";
import { createDatabase, startBenchPostgres, type BenchPostgres } from "./postgres";
import {
  markdownTable,
  plainTable,
  tableRows,
  writeResults,
  type BenchResults,
  type ServerStats,
} from "./report";
import { benchHeading, machine, serverDescription } from "./run-heading";
import { benchArgon2 } from "./scenarios/argon2";
import { benchCsvExport } from "./scenarios/csv-export";
import { benchFirstLoadJs } from "./scenarios/first-load-js";
import { benchMicro, type MicroResult } from "./scenarios/micro";
import { benchOrders } from "./scenarios/orders";
import { benchPages } from "./scenarios/pages";
import { benchScale } from "./scenarios/scale";
import { benchSearch } from "./scenarios/search";
import { benchPasskeySignIn, benchPasswordSignIn, createPasskeys } from "./scenarios/sign-in";
import { seedCustomers } from "./seed";

const log = (line: string) => console.log(`[bench] ${line}`);

async function serverStats(portal: Portal, databaseUrl: string): Promise<ServerStats> {
  const sqliteFile = databaseUrl.startsWith("file:") ? databaseUrl.slice("file:".length) : null;
  const files = portal.openFiles(sqliteFile ?? undefined);
  const { rssBytes } = await portal.counts();
  return { rssMB: rssBytes / 1e6, openFiles: files.total, sqliteHandles: sqliteFile ? files.database : null };
}

async function main(options: BenchOptions): Promise<void> {
  const startedAt = new Date();
  const loadAtStart = loadavg();
  log(
    `${options.database === "postgres" ? "PostgreSQL" : "SQLite"}, ${serverDescription(options.workers)}, ` +
      `scenarios ${options.scenarios.join(", ")}; ` +
      `load average at start ${loadAtStart.map((l) => l.toFixed(2)).join(" ")}`,
  );
  const has = (s: string) => options.scenarios.includes(s as never);
  const workDir = mkdtempSync(path.join(tmpdir(), "portal-bench-"));
  const logFile = path.join(workDir, "server.log");
  const env = benchEnvironment(workDir);
  const results: BenchResults = {};
  const serverAfter: Record<string, ServerStats> = {};
  let micro: MicroResult | undefined;
  let seedSeconds: number | undefined;
  let postgres: BenchPostgres | null = null;
  try {
    if (has("micro")) micro = await benchMicro((line) => console.log(`  ${line}`));
    if (has("argon2")) {
      log("1 argon2id …");
      results.argon2 = await benchArgon2({ runs: options.runs, seconds: 3 });
    }
    const needsServer = ["password", "passkey", "pages", "js", "orders"].some(has);
    if (needsServer || has("scale")) ensureBuild(env, log);
    if (options.database === "postgres" || has("scale") || has("search") || has("csv"))
      postgres = await startBenchPostgres({ statementStats: has("scale") });
    if (needsServer) {
      const databaseUrl =
        options.database === "postgres"
          ? await createDatabase(postgres!, "portal_bench")
          : `file:${path.join(workDir, "portal.db")}`;
      prepareDatabase(databaseUrl, env);
      const origin = `http://localhost:${options.port}`;
      const passkeys = createPasskeys(passkeyCustomers(options.customers), origin);
      const sessions = pageCustomers(options.customers);
      log(`seeding ${options.customers.toLocaleString("en")} customers …`);
      seedSeconds = await seedCustomers(databaseUrl, {
        from: 0,
        to: options.customers,
        sessions,
        passkeys: passkeys.map(({ index, authenticator }) => ({
          index,
          credentialId: authenticator.credentialId,
          publicKey: authenticator.publicKey,
        })),
      });
      // A fresh server process per scenario: what one leaves behind (connections, memory) must
      // not slow the next, and each scenario reports what it left.
      const withPortal = async (name: string, fn: (portal: Portal) => Promise<void>) => {
        const portal = await startPortal({
          databaseUrl,
          port: options.port,
          env,
          logFile,
          cpuProfileDir: options.cpuProfileDir,
          nodeFlags: options.nodeFlags,
          workers: options.workers,
        });
        try {
          await fn(portal);
          serverAfter[name] = await serverStats(portal, databaseUrl);
        } finally {
          await portal.stop();
        }
      };
      const signIn = { concurrency: options.signInConcurrency, runs: options.runs, seconds: options.seconds };
      if (has("password"))
        await withPortal("password", async (portal) => {
          log("2 password sign-in …");
          results.password = await benchPasswordSignIn(portal, signInOrder(options.customers, 5_000), signIn);
        });
      if (has("passkey"))
        await withPortal("passkey", async (portal) => {
          log("3 passkey sign-in …");
          results.passkey = await benchPasskeySignIn(portal, passkeys, signIn);
        });
      if (has("pages") || has("js"))
        await withPortal("pages", async (portal) => {
          if (has("pages")) {
            log("4 account pages …");
            results.pages = await benchPages(portal, {
              pages: options.pages,
              concurrencies: options.pageConcurrencies,
              runs: options.runs,
              seconds: options.pageSeconds,
              customers: sessions,
            });
          }
          if (has("js")) {
            log("5 first-load JavaScript …");
            results.firstLoadJs = await benchFirstLoadJs(portal, sessions[0]!);
          }
        });
      if (has("orders"))
        await withPortal("orders", async (portal) => {
          log("9 one customer's 500 orders …");
          results.orders = await benchOrders(portal, databaseUrl, {
            customerIndex: sessions[0]!,
            orders: 500,
            concurrencies: options.pageConcurrencies,
            runs: options.runs,
            seconds: options.pageSeconds,
          });
        });
      results.server = serverAfter;
    }
    if (has("scale")) {
      log(
        `6 PostgreSQL, ${options.scaleCustomers.toLocaleString("en")} against ${options.customers.toLocaleString("en")} customers …`,
      );
      results.scale = await benchScale(postgres!, {
        small: options.customers,
        large: options.scaleCustomers,
        concurrency: options.signInConcurrency,
        runs: options.runs,
        seconds: options.seconds,
        pageSeconds: options.pageSeconds,
        pages: options.pages.slice(0, 3),
        port: options.port,
        env,
        logFile,
        log,
        workers: options.workers,
      });
    }
    if (has("search")) {
      log(`7 support search, PostgreSQL, ${options.scaleCustomers.toLocaleString("en")} customers …`);
      results.search = await benchSearch(postgres!, { customers: options.scaleCustomers, env, log });
    }
    if (has("csv")) {
      log(`8 audience CSV export, PostgreSQL, ${options.scaleCustomers.toLocaleString("en")} rows …`);
      results.csv = await benchCsvExport(postgres!, { customers: options.scaleCustomers, env, log });
    }
  } catch (error) {
    console.error(`[bench] failed: ${(error as Error).message}\n[bench] server log: ${logFile}`);
    process.exitCode = 1;
    return;
  } finally {
    postgres?.stop();
  }
  const finishedAt = new Date();
  const rows = tableRows(results);
  const heading = benchHeading({ ...options, loadAtStart, loadAtEnd: loadavg() });
  console.log(`\n${heading}\n\n${plainTable(rows)}\n`);
  const file = writeResults(
    options.outDir,
    startedAt,
    {
      schema: 1,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      seconds: Math.round((finishedAt.getTime() - startedAt.getTime()) / 1000),
      machine: { ...machine(), loadAverageAtStart: loadAtStart },
      // 1: one server process, as every figure before --workers; more: npm start's cluster.
      workers: options.workers,
      options,
      seedSeconds,
      results,
      micro,
      table: rows,
    },
    `${heading}\n\n${markdownTable(rows)}`,
  );
  log(
    `written ${file} (and latest.json, latest.md) in ${Math.round((finishedAt.getTime() - startedAt.getTime()) / 1000)} s`,
  );
  rmSync(workDir, { recursive: true, force: true });
}

const parsed = parseBenchOptions(process.argv.slice(2));
if (parsed === "help") console.log(BENCH_HELP);
else await main(parsed);
