/**
 * Scenario 6: PostgreSQL with many customers against few. One database is seeded with the small
 * number, measured (password sign-in request alone, account pages), grown to the large number with
 * the same bulk seed, analysed, and measured again by the same server process. Sign-ins pick
 * customers spread over the whole range, so the large figure is not measured on the first rows.
 */
import { pageCustomers, signInOrder } from "../customers";
import type { LoadSummary } from "../measure";
import { prepareDatabase, startPortal, type Portal } from "../portal";
import { createDatabase, type BenchPostgres } from "../postgres";
import { seedCustomers } from "../seed";
import { ratio, type Summary } from "../stats";
import { benchPages } from "./pages";
import {
  readStatementStats,
  resetStatementStats,
  statementGrowth,
  type StatementGrowth,
  type StatementStats,
} from "./scale-statements";
import { benchPasswordSignIn } from "./sign-in";

export type ScalePoint = {
  customers: number;
  seedSeconds: number;
  databaseMB: number;
  /** Estimated rows (pg_class.reltuples after ANALYZE) of the tables that grow with the customers. */
  tableRows: Record<string, number>;
  signIn: LoadSummary;
  pages: Record<string, Summary>;
  /** pg_stat_statements over this point's load (sign-ins and pages), costliest first. */
  statements: StatementStats[];
};

export type ScaleResult = {
  small: ScalePoint;
  large: ScalePoint;
  /** large p95 / small p95: the issue asks for at most 1.5. */
  p95Ratio: { signIn: number | null; pages: Record<string, number | null> };
  /** The large point's statements beside the same statement at the small point. */
  statements: StatementGrowth[];
};

export type ScaleOptions = {
  small: number;
  large: number;
  concurrency: number;
  runs: number;
  seconds: number;
  pageSeconds: number;
  pages: string[];
  port: number;
  env: NodeJS.ProcessEnv;
  logFile: string;
  log: (line: string) => void;
  /** Server processes (bench --workers): 1, or npm start's cluster with that many workers. */
  workers?: number;
};

const GROWING_TABLES = [
  "User",
  "Session",
  "Device",
  "SignInAttempt",
  "AuditEvent",
  "ConsentRecord",
  "Address",
];

async function databaseSize(url: string): Promise<{ databaseMB: number; tableRows: Record<string, number> }> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const size = await client.query<{ size: string }>(
      "SELECT pg_database_size(current_database())::text AS size",
    );
    const tables = await client.query<{ name: string; rows: string }>(
      `SELECT relname AS name, reltuples::bigint::text AS rows FROM pg_class
       WHERE relkind = 'r' AND relname = ANY($1::text[]) AND relnamespace = current_schema()::regnamespace`,
      [GROWING_TABLES],
    );
    return {
      databaseMB: Number(size.rows[0]!.size) / 1e6,
      tableRows: Object.fromEntries(tables.rows.map((t) => [t.name, Number(t.rows)])),
    };
  } finally {
    await client.end();
  }
}

async function measurePoint(portal: Portal, url: string, customers: number, opts: ScaleOptions) {
  await resetStatementStats(url);
  const signIn = await benchPasswordSignIn(portal, signInOrder(customers, 5_000), {
    concurrency: opts.concurrency,
    runs: opts.runs,
    seconds: opts.seconds,
  });
  const pages = await benchPages(portal, {
    pages: opts.pages,
    concurrencies: [opts.concurrency],
    runs: opts.runs,
    seconds: opts.pageSeconds,
    customers: pageCustomers(customers),
  });
  const failed = pages.account.find((p) => p.problem);
  if (failed) throw new Error(`scale: ${failed.path} answered ${failed.problem}`);
  const statements = await readStatementStats(url);
  return {
    statements,
    signIn: signIn.requestAlone,
    pages: Object.fromEntries(pages.account.map((p) => [p.path, p.load[String(opts.concurrency)]!])),
    ...(await databaseSize(url)),
  };
}

export async function benchScale(server: BenchPostgres, opts: ScaleOptions): Promise<ScaleResult> {
  const url = await createDatabase(server, "portal_bench_scale");
  prepareDatabase(url, opts.env);
  opts.log(`scale: seeding ${opts.small.toLocaleString("en")} customers …`);
  const smallSeed = await seedCustomers(url, {
    from: 0,
    to: opts.small,
    sessions: pageCustomers(opts.small),
    passkeys: [],
  });
  const portal = await startPortal({
    databaseUrl: url,
    port: opts.port,
    env: opts.env,
    logFile: opts.logFile,
    workers: opts.workers,
  });
  try {
    opts.log(`scale: measuring at ${opts.small.toLocaleString("en")} customers …`);
    const small = {
      customers: opts.small,
      seedSeconds: smallSeed,
      ...(await measurePoint(portal, url, opts.small, opts)),
    };
    opts.log(`scale: growing to ${opts.large.toLocaleString("en")} customers …`);
    const seeded = new Set(pageCustomers(opts.small));
    const largeSeed = await seedCustomers(url, {
      from: opts.small,
      to: opts.large,
      sessions: pageCustomers(opts.large).filter((i) => !seeded.has(i)),
      passkeys: [],
    });
    opts.log(`scale: seeded in ${largeSeed.toFixed(0)} s; measuring at ${opts.large.toLocaleString("en")} …`);
    const large = {
      customers: opts.large,
      seedSeconds: largeSeed,
      ...(await measurePoint(portal, url, opts.large, opts)),
    };
    return {
      small,
      large,
      p95Ratio: {
        signIn: ratio(large.signIn.total.p95, small.signIn.total.p95),
        pages: Object.fromEntries(
          Object.keys(small.pages).map((path) => [
            path,
            ratio(large.pages[path]?.p95, small.pages[path]?.p95),
          ]),
        ),
      },
      statements: statementGrowth(small.statements, large.statements),
    };
  } finally {
    await portal.stop();
  }
}
