/**
 * `npm run bench -- [options]`. The defaults finish the whole bench in about eight minutes on the
 * 2-core reference machine (with a current build); `--scale` adds the million-customer scenario,
 * `--search` the support search over a million customers (decision 0042), `--csv` the audience CSV
 * export of a million rows (decision 0045).
 */
import path from "node:path";
import { parseArgs } from "node:util";

export const SCENARIOS = [
  "micro",
  "argon2",
  "password",
  "passkey",
  "pages",
  "js",
  "scale",
  "search",
  "csv",
  "orders",
] as const;
export type Scenario = (typeof SCENARIOS)[number];
const POSTGRES_ONLY: Scenario[] = ["scale", "search", "csv"];

export const ACCOUNT_PAGES = [
  "/account",
  "/account/addresses",
  "/account/security",
  "/account/payment",
  "/account/profile",
  "/account/communication",
  "/account/privacy",
  "/account/orders",
] as const;

export type BenchOptions = {
  database: "sqlite" | "postgres";
  scenarios: Scenario[];
  /** Timed runs per figure; the median is reported. */
  runs: number;
  /** Seconds per timed sign-in run. */
  seconds: number;
  /** Seconds per timed page run (per page and concurrency). */
  pageSeconds: number;
  /** Simulated browsers signing in at once. */
  signInConcurrency: number;
  pageConcurrencies: number[];
  pages: string[];
  customers: number;
  scaleCustomers: number;
  port: number;
  outDir: string;
  /** Folder for a V8 CPU profile of each server under test (`node --cpu-prof`), or none. */
  cpuProfileDir: string | null;
  /** Extra Node flags for each server under test (an experiment, e.g. a GC setting). */
  nodeFlags: string[];
  /**
   * 1: one server process (scripts/server.ts), as every figure before; more: `npm start`'s cluster
   * (scripts/cluster.ts) with that many workers, as the product runs (decision 0075).
   */
  workers: number;
};

const HELP = `npm run bench -- [options]
  --pg                  run the app on a throwaway PostgreSQL server (default: SQLite)
  --scale               add scenario 6: PostgreSQL with --scale-customers against --customers
  --search              add scenario 7: the support search on PostgreSQL with --scale-customers
  --csv                 add scenario 8: the audience CSV export of --scale-customers rows on PostgreSQL,
                        in a child process whose peak RSS must stay under 200 MB
  --only a,b            scenarios: ${SCENARIOS.join(", ")} (default: all but scale, search and csv)
  (scenario 9, orders: one customer with 500 orders, /account/orders and one order's page)
  --runs N              timed runs per figure, median reported (default 3)
  --seconds S           seconds per sign-in run (default 6)
  --page-seconds S      seconds per page run (default 3)
  --concurrency N       simultaneous sign-ins (default 16)
  --page-concurrency    e.g. 16,50 (default)
  --pages a,b           account pages (default: all ${ACCOUNT_PAGES.length})
  --customers N         seeded customers (default 10000)
  --scale-customers N   customers for --scale, --search and --csv (default 1000000)
  --port N              port of the server under test (default 3190)
  --out DIR             results folder (default bench/results)
  --cpu-prof DIR        write a V8 CPU profile of each server under test into DIR
                        (summarise it with scripts/bench/profile-summary.ts)
  --node-flag FLAG      a Node flag for each server under test, e.g. --node-flag=--max-semi-space-size=64
                        (repeatable; for experiments before a flag goes into the start)
  --workers N           serve with npm start's cluster of N workers (scripts/cluster.ts,
                        WEB_CONCURRENCY=N) instead of one server process (default 1); the statements,
                        CPU time and open files are summed over the workers; not with --cpu-prof`;

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number (got "${value}")`);
  return n;
}

function list(value: string | undefined): string[] | undefined {
  return value
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

export function parseBenchOptions(argv: string[]): BenchOptions | "help" {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      pg: { type: "boolean" },
      scale: { type: "boolean" },
      search: { type: "boolean" },
      csv: { type: "boolean" },
      only: { type: "string" },
      runs: { type: "string" },
      seconds: { type: "string" },
      "page-seconds": { type: "string" },
      concurrency: { type: "string" },
      "page-concurrency": { type: "string" },
      pages: { type: "string" },
      customers: { type: "string" },
      "scale-customers": { type: "string" },
      port: { type: "string" },
      out: { type: "string" },
      "cpu-prof": { type: "string" },
      "node-flag": { type: "string", multiple: true },
      workers: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return "help";
  const only = list(values.only);
  const unknown = only?.filter((s) => !(SCENARIOS as readonly string[]).includes(s)) ?? [];
  if (unknown.length > 0) throw new Error(`--only: unknown scenario ${unknown.join(", ")}`);
  const scenarios =
    (only as Scenario[] | undefined) ??
    SCENARIOS.filter((s) => s !== "scale" && s !== "search" && s !== "csv");
  if (values.scale && !scenarios.includes("scale")) scenarios.push("scale");
  if (values.search && !scenarios.includes("search")) scenarios.push("search");
  if (values.csv && !scenarios.includes("csv")) scenarios.push("csv");
  const pages = list(values.pages) ?? [...ACCOUNT_PAGES];
  const badPage = pages.find((p) => !p.startsWith("/"));
  if (badPage) throw new Error(`--pages: "${badPage}" is not a path`);
  const customers = Math.round(positive("customers", values.customers, 10_000));
  const workers = positive("workers", values.workers, 1);
  // The limit scripts/cluster.ts puts on WEB_CONCURRENCY.
  if (!Number.isInteger(workers) || workers > 64)
    throw new Error(`--workers must be a whole number from 1 to 64 (got "${values.workers}")`);
  if (workers > 1 && values["cpu-prof"])
    throw new Error("--cpu-prof profiles one server process: leave out --workers (or use --workers 1)");
  return {
    // Scenarios 6–8 always run on PostgreSQL: alone, the heading should say so.
    database: values.pg || scenarios.every((s) => POSTGRES_ONLY.includes(s)) ? "postgres" : "sqlite",
    scenarios,
    runs: Math.round(positive("runs", values.runs, 3)),
    seconds: positive("seconds", values.seconds, 6),
    pageSeconds: positive("page-seconds", values["page-seconds"], 3),
    signInConcurrency: Math.round(positive("concurrency", values.concurrency, 16)),
    pageConcurrencies: (list(values["page-concurrency"]) ?? ["16", "50"]).map((c) =>
      Math.round(positive("page-concurrency", c, 16)),
    ),
    pages,
    customers,
    scaleCustomers: Math.round(positive("scale-customers", values["scale-customers"], 1_000_000)),
    port: Math.round(positive("port", values.port, 3190)),
    outDir: values.out ?? "bench/results",
    cpuProfileDir: values["cpu-prof"] ? path.resolve(values["cpu-prof"]) : null,
    nodeFlags: values["node-flag"] ?? [],
    workers,
  };
}

export { HELP as BENCH_HELP };
