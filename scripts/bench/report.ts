/**
 * The bench's table (console and Markdown) and its JSON under bench/results/: one file per run
 * (git-ignored) and latest.json / latest.md, which the next run overwrites.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { LoadSummary } from "./measure";
import type { Argon2Result } from "./scenarios/argon2";
import type { CsvExportResult } from "./scenarios/csv-export";
import type { FirstLoadJs } from "./scenarios/first-load-js";
import type { OrdersResult } from "./scenarios/orders";
import type { PageResult, PagesResult } from "./scenarios/pages";
import type { ScaleResult } from "./scenarios/scale";
import type { SearchResult } from "./scenarios/search";
import type { SignInResult } from "./scenarios/sign-in";
import { ratio, type Summary } from "./stats";

export type Row = {
  n: string;
  what: string;
  value: string;
  latency: string;
  sql: string;
  /** Server CPU ms per operation, main thread · whole process (sign-ins; measure.ts). */
  cpu?: string;
  ratio: string;
};

export type BenchResults = {
  argon2?: Argon2Result;
  password?: SignInResult;
  passkey?: SignInResult;
  pages?: PagesResult;
  firstLoadJs?: FirstLoadJs[];
  scale?: ScaleResult;
  search?: SearchResult;
  csv?: CsvExportResult;
  orders?: OrdersResult;
  /** The server process after each scenario's load (a fresh process per scenario). */
  server?: Record<string, ServerStats>;
};

export type ServerStats = { rssMB: number; openFiles: number; sqliteHandles: number | null };

const num = (value: number | null | undefined, digits = 0) =>
  value == null || !Number.isFinite(value)
    ? "–"
    : value.toLocaleString("en", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const rate = (s: Summary, unit = "/s") =>
  `${num(s.perSecond, 1)} ${unit} (${num(s.perSecondMin, 1)}–${num(s.perSecondMax, 1)})${s.errors ? ` ⚠ ${s.errors} failed` : ""}`;
const latency = (s: Summary) => `${num(s.p50)} / ${num(s.p95)} / ${num(s.p99)}`;
const percent = (value: number | null) => (value == null ? "–" : `${num(value * 100, 1)} %`);

function loadRow(n: string, what: string, load: LoadSummary, ratioText: string): Row {
  return {
    n,
    what: `${what} (${load.concurrency} at once)`,
    value: rate(load.total),
    latency: latency(load.total),
    sql: num(load.statementsPerOperation, 1),
    cpu: `${num(load.cpuMsPerOperation?.mainThread)} · ${num(load.cpuMsPerOperation?.process)}`,
    ratio: ratioText,
  };
}

function healthAt(pages: PagesResult | undefined, concurrency: number): Summary | undefined {
  const load = pages?.reference.load;
  if (!load) return undefined;
  return load[String(concurrency)] ?? Object.values(load)[0];
}

function pageRows(n: string, page: PageResult, pages: PagesResult | undefined, isReference = false): Row[] {
  if (page.problem)
    return [{ n, what: page.path, value: `not measured: ${page.problem}`, latency: "", sql: "", ratio: "" }];
  return Object.entries(page.load).map(([concurrency, s]) => ({
    n,
    what: `${page.path}${page.signedIn ? "" : " (anonymous)"} (${concurrency} at once)`,
    value: rate(s),
    latency: latency(s),
    sql: num(page.statementsPerRequest, 1),
    ratio: isReference
      ? "reference"
      : `${percent(ratio(s.perSecond, healthAt(pages, Number(concurrency))?.perSecond))} of health`,
  }));
}

/** Scenario 6: each figure at both sizes, the p95 ratio the issue bounds, and what each seed cost. */
function scaleRows(r: ScaleResult): Row[] {
  const { small, large, p95Ratio } = r;
  const sizes = `${small.customers.toLocaleString("en")} → ${large.customers.toLocaleString("en")} customers`;
  const failed = (a: Summary, b: Summary | undefined) =>
    a.errors + (b?.errors ?? 0) ? ` ⚠ ${a.errors + (b?.errors ?? 0)} failed` : "";
  const row = (what: string, a: Summary, b: Summary | undefined, p95: number | null, sql = ""): Row => ({
    n: "6",
    what: `PostgreSQL ${what}, ${sizes}`,
    value: `${num(a.perSecond, 1)} → ${num(b?.perSecond, 1)} /s${failed(a, b)}`,
    latency: `p95 ${num(a.p95)} → ${num(b?.p95)} (p50 ${num(a.p50)} → ${num(b?.p50)})`,
    sql,
    ratio: `p95 ${num(p95, 2)}× (≤ 1.5)`,
  });
  const signInSql = `${num(small.signIn.statementsPerOperation, 1)} → ${num(large.signIn.statementsPerOperation, 1)}`;
  const rows = [
    row(
      `password sign-in (${small.signIn.concurrency} at once)`,
      small.signIn.total,
      large.signIn.total,
      p95Ratio.signIn,
      signInSql,
    ),
    ...Object.entries(p95Ratio.pages).map(([path, value]) =>
      row(path, small.pages[path]!, large.pages[path], value),
    ),
  ];
  for (const [what, point] of [
    ["seed", small],
    ["grown to", large],
  ] as const)
    rows.push({
      n: "6",
      what: `${what} ${point.customers.toLocaleString("en")} customers (bulk seed, indexes, ANALYZE)`,
      value: `${num(point.seedSeconds)} s, database ${num(point.databaseMB)} MB (${num(point.tableRows.AuditEvent)} audit events, ${num(point.tableRows.Session)} sessions)`,
      latency: "",
      sql: "",
      ratio: "",
    });
  // The costliest statements at the large point: pages touched per call grow with the data, CPU
  // contention moves only their time.
  for (const st of r.statements.slice(0, 8))
    rows.push({
      n: "6",
      what: `SQL ${st.query.slice(0, 70)}${st.query.length > 70 ? "…" : ""}`,
      value: `${num(st.small?.meanMs, 3)} → ${num(st.meanMs, 3)} ms mean`,
      latency: `${num(st.small?.blocksPerCall, 1)} → ${num(st.blocksPerCall, 1)} blocks/call`,
      sql: `${num(st.calls)}×`,
      ratio: "",
    });
  return rows;
}

export function tableRows(r: BenchResults): Row[] {
  const rows: Row[] = [];
  const limit = r.argon2?.allCores.perSecond;
  if (r.argon2) {
    const a = r.argon2;
    rows.push({
      n: "1",
      what: `argon2id verify, ${a.cores} streams (m=${a.parameters.memoryKiB} KiB, t=${a.parameters.iterations})`,
      value: rate(a.allCores),
      latency: latency(a.allCores),
      sql: "",
      ratio: "the limit",
    });
    rows.push({
      n: "1",
      what: "argon2id verify, one stream",
      value: rate(a.oneStream),
      latency: latency(a.oneStream),
      sql: "",
      ratio: `all cores = ${num(a.scaling, 2)}×`,
    });
  }
  const ofLimit = (s: Summary) => `${percent(ratio(s.perSecond, limit))} of (1)`;
  if (r.password) {
    rows.push(
      loadRow(
        "2",
        "password sign-in, request alone",
        r.password.requestAlone,
        ofLimit(r.password.requestAlone.total),
      ),
    );
    rows.push(
      loadRow("2", "password sign-in, whole flow", r.password.wholeFlow, ofLimit(r.password.wholeFlow.total)),
    );
  }
  if (r.passkey) {
    for (const [what, load] of [
      ["passkey sign-in, request alone", r.passkey.requestAlone],
      ["passkey sign-in, whole flow", r.passkey.wholeFlow],
    ] as const) {
      const health = healthAt(r.pages, load.concurrency);
      rows.push(
        loadRow("3", what, load, `${percent(ratio(load.total.perSecond, health?.perSecond))} of health`),
      );
    }
  }
  if (r.pages) {
    rows.push(...pageRows("4", r.pages.reference, r.pages, true));
    rows.push(...pageRows("4", r.pages.login, r.pages));
    for (const page of r.pages.account) rows.push(...pageRows("4", page, r.pages));
  }
  for (const js of r.firstLoadJs ?? []) {
    rows.push({
      n: "5",
      what: `first-load JS ${js.path} (${js.scripts} scripts, served ${js.servedEncodings.join("+")})`,
      value: `${num(js.gzipKB, 1)} kB gzip · ${num(js.brotliKB, 1)} kB br · ${num(js.rawKB)} kB raw`,
      latency: "",
      sql: "",
      ratio: `${percent(ratio(js.gzipKB, 100))} of 100 kB`,
    });
  }
  if (r.scale) rows.push(...scaleRows(r.scale));
  if (r.search)
    for (const kind of ["email", "name", "phone", "number"] as const) {
      const stats = r.search[kind];
      if (stats)
        rows.push({
          n: "7",
          what: `support search by ${kind}, ${r.search.customers.toLocaleString("en")} customers (PostgreSQL)`,
          value: `p95 ${num(stats.p95, 2)} ms`,
          latency: `p50 ${num(stats.p50, 2)} ms`,
          sql: "",
          ratio: "p95 < 50 ms",
        });
    }
  // Scenario 9: the health reference of scenario 4 when it ran in the same bench.
  for (const page of r.orders?.pages ?? [])
    rows.push(
      ...pageRows("9", { ...page, path: `${page.path} (${r.orders!.orders} orders)` }, r.pages).map((row) =>
        r.pages ? row : { ...row, ratio: "" },
      ),
    );
  if (r.csv)
    rows.push({
      n: "8",
      what: `audience CSV export, ${r.csv.rows.toLocaleString("en")} rows (PostgreSQL, own process)`,
      value: `${num(r.csv.seconds, 1)} s, ${num(r.csv.rowsPerSecond)} rows/s`,
      latency: `peak RSS ${num(Math.max(r.csv.peakRssMB, r.csv.sampledPeakRssMB))} MB`,
      sql: "",
      ratio: `< 200 MB: ${r.csv.pass ? "pass" : "FAIL"}`,
    });
  for (const [scenario, stats] of Object.entries(r.server ?? {})) {
    const handles = stats.sqliteHandles == null ? "" : `, ${stats.sqliteHandles} on the SQLite file`;
    rows.push({
      n: "",
      what: `server after the ${scenario} load`,
      value: `RSS ${num(stats.rssMB)} MB, ${stats.openFiles} open files${handles}`,
      latency: "",
      sql: "",
      ratio: "",
    });
  }
  return rows;
}

const HEAD: Row = {
  n: "#",
  what: "scenario",
  value: "median (min–max of runs)",
  latency: "p50 / p95 / p99 ms",
  sql: "SQL/op",
  cpu: "CPU ms/op main · all",
  ratio: "ratio",
};
const KEYS = ["n", "what", "value", "latency", "sql", "cpu", "ratio"] as const;

export function plainTable(rows: Row[]): string {
  const all = [HEAD, ...rows];
  const width = KEYS.map((k) => Math.max(...all.map((r) => (r[k] ?? "").length)));
  return all
    .map((r) =>
      KEYS.map((k, i) => (r[k] ?? "").padEnd(width[i]!))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

export function markdownTable(rows: Row[]): string {
  const line = (r: Row) => `| ${KEYS.map((k) => (r[k] ?? "").replace(/\|/g, "\\|")).join(" | ")} |`;
  return [line(HEAD), `|${KEYS.map(() => "---").join("|")}|`, ...rows.map(line)].join("\n");
}

export function writeResults(outDir: string, startedAt: Date, json: unknown, markdown: string): string {
  mkdirSync(outDir, { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:.]/g, "-");
  const file = path.join(outDir, `${stamp}.json`);
  const text = `${JSON.stringify(json, null, 2)}\n`;
  writeFileSync(file, text);
  writeFileSync(path.join(outDir, "latest.json"), text);
  writeFileSync(path.join(outDir, "latest.md"), `${markdown}\n`);
  return file;
}
