/**
 * Scenario 6 of `npm run bench` (docs/decisions/0031, 0079) in the results table: both sizes of
 * every figure, the p95 ratio the issue bounds, what each seed cost, and the statements that grew.
 */
import { describe, expect, it } from "vitest";
import type { LoadSummary } from "../../scripts/bench/measure";
import { tableRows } from "../../scripts/bench/report";
import type { ScalePoint, ScaleResult } from "../../scripts/bench/scenarios/scale";
import { statementGrowth, type StatementStats } from "../../scripts/bench/scenarios/scale-statements";
import { summarise } from "../../scripts/bench/stats";

const summary = (perSecond: number, p95: number, errors = 0) => ({
  ...summarise([{ perSecond, p50: p95 / 2, p95, p99: p95, errors, count: 10 }]),
});

const load = (perSecond: number, p95: number, errors = 0): LoadSummary => ({
  concurrency: 16,
  seconds: 6,
  total: summary(perSecond, p95, errors),
  steps: {},
  statementsPerOperation: 50,
  cpuMsPerOperation: { process: 70, mainThread: 60 },
  generatorCores: 0.02,
  failures: [],
});

const statement = (queryId: string, meanMs: number, blocksPerCall: number): StatementStats => ({
  queryId,
  query: `SELECT "public"."Session"."id" FROM "public"."Session" WHERE "tokenHash" = $1 -- ${queryId}`,
  calls: 1_000,
  meanMs,
  blocksPerCall,
  rowsPerCall: 1,
});

const point = (
  customers: number,
  signIn: LoadSummary,
  p95: number,
  statements: StatementStats[],
): ScalePoint => ({
  customers,
  seedSeconds: customers / 2_000,
  databaseMB: customers / 400,
  tableRows: { AuditEvent: customers * 6, Session: customers },
  signIn,
  pages: { "/account": summary(40, p95) },
  statements,
});

describe("scenario 6 in the bench table", () => {
  const small = point(10_000, load(15, 1_000), 500, [statement("a", 0.05, 4), statement("b", 1, 10)]);
  const large = point(1_000_000, load(14, 1_200, 2), 800, [statement("b", 2, 900), statement("c", 0.1, 3)]);
  const scale: ScaleResult = {
    small,
    large,
    p95Ratio: { signIn: 1.2, pages: { "/account": 1.6 } },
    statements: statementGrowth(small.statements, large.statements),
  };
  const rows = tableRows({ scale }).filter((row) => row.n === "6");

  it("shows each figure at both sizes with its p95 ratio, and flags failed requests", () => {
    const signIn = rows.find((row) => row.what.includes("password sign-in"))!;
    expect(signIn.what).toContain("10,000 → 1,000,000 customers");
    expect(signIn.value).toBe("15.0 → 14.0 /s ⚠ 2 failed");
    expect(signIn.latency).toBe("p95 1,000 → 1,200 (p50 500 → 600)");
    expect(signIn.ratio).toBe("p95 1.20× (≤ 1.5)");
    const page = rows.find((row) => row.what.includes("/account"))!;
    expect(page.latency).toContain("p95 500 → 800");
    expect(page.ratio).toBe("p95 1.60× (≤ 1.5)");
  });

  it("shows what each seed cost: seconds, database size, audit events and sessions", () => {
    const seeds = rows.filter((row) => row.what.includes("(bulk seed"));
    expect(seeds.map((row) => row.value)).toEqual([
      "5 s, database 25 MB (60,000 audit events, 10,000 sessions)",
      "500 s, database 2,500 MB (6,000,000 audit events, 1,000,000 sessions)",
    ]);
  });

  it("sets each costly statement at a million beside the same statement at 10,000", () => {
    const sql = rows.filter((row) => row.what.startsWith("SQL "));
    expect(sql.map((row) => [row.value, row.latency])).toEqual([
      ["1.000 → 2.000 ms mean", "10.0 → 900.0 blocks/call"],
      // Not called at the small point: nothing to compare, and no figure made up.
      ["– → 0.100 ms mean", "– → 3.0 blocks/call"],
    ]);
  });
});
