/**
 * `npm test`: every check CI relies on, each under its own heading so the output shows what ran:
 * typecheck, lint, schema/migration drift, unit, integration on SQLite, integration on PostgreSQL,
 * E2E in Chromium, and the attack suite (tests/security, docs/decisions/0026) against the same
 * production build, each followed by `npm run audit:verify` on the database those servers used. Runs
 * every step, then prints a summary naming each failed test, the total test count and what the
 * attack suite covered.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { findPostgresBinDir } from "../tests/support/postgres-server";
import { playwrightFailures, vitestFailures, type FailedTest } from "./test-failures";

type Counts = { passed: number; failed: number; skipped: number };
type Step = {
  name: string;
  command: string[];
  report?: string;
  parse?: (file: string) => Counts;
  /** The failed tests' titles and first error lines, from the same report. */
  failures?: (file: string) => FailedTest[];
  env?: Record<string, string>;
};

const bin = (name: string) => path.join("node_modules/.bin", name);

function vitestCounts(file: string): Counts {
  const r = JSON.parse(readFileSync(file, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
}

function playwrightCounts(file: string): Counts {
  const r = JSON.parse(readFileSync(file, "utf8")) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  };
  return { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected, skipped: r.stats.skipped };
}

const vitest = (project: string): Step => ({
  name: `${project} (Vitest)`,
  command: [
    bin("vitest"),
    "run",
    "--project",
    project,
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=test-results/${project}.json`,
  ],
  report: `test-results/${project}.json`,
  parse: vitestCounts,
  failures: vitestFailures,
});

const steps: Step[] = [
  { name: "typecheck (tsc)", command: [bin("tsc"), "--noEmit"] },
  { name: "lint (eslint, prettier)", command: ["npm", "run", "--silent", "lint"] },
  {
    name: "schema and migrations in sync (SQLite + PostgreSQL)",
    command: [bin("tsx"), "scripts/db/check.ts"],
  },
  vitest("unit"),
  vitest("integration-sqlite"),
];
if (findPostgresBinDir()) steps.push(vitest("integration-postgres"));
else
  console.warn(
    "PostgreSQL server binaries not found: integration-postgres cannot run (apt-get install -y postgresql)",
  );
/**
 * `npm run audit:verify` on the database the E2E and attack-suite servers wrote to (issue 12): every
 * audited write of the whole browser suite, by several server processes, must leave one unbroken
 * chain. After each of the two steps, since the next server start empties the database.
 */
const E2E_DATABASE_URL = "file:./tests/.tmp/e2e/portal.db"; // playwright.config.ts, tests/e2e/support/users.ts
const auditVerify = (after: string): Step => ({
  name: `audit chain verifies after ${after} (npm run audit:verify on the E2E database)`,
  command: [bin("tsx"), "scripts/audit-verify.ts"],
  env: { DATABASE_URL: E2E_DATABASE_URL },
});

if (!process.argv.includes("--no-e2e")) {
  steps.push({
    name: "e2e (Playwright, Chromium)",
    command: [bin("playwright"), "test", "--project=chromium"],
    report: "test-results/e2e.json",
    parse: playwrightCounts,
    failures: playwrightFailures,
  });
  steps.push(auditVerify("the E2E suite"));
  // The main journeys on a phone (390×844), failing on horizontal overflow (tests/e2e-mobile).
  steps.push({
    name: "e2e on a phone (Playwright, Chromium 390×844)",
    command: [bin("playwright"), "test", "--project=mobile"],
    report: "test-results/e2e-mobile.json",
    parse: playwrightCounts,
    failures: playwrightFailures,
    env: { PLAYWRIGHT_JSON_OUTPUT_FILE: "test-results/e2e-mobile.json" },
  });
  steps.push(auditVerify("the phone suite"));
  // Its own step (and server start, on a fresh database): its counts stand apart from the E2E ones.
  steps.push({
    name: "security: attack suite against the production build (Playwright)",
    command: [bin("playwright"), "test", "--project=security"],
    report: "test-results/security.json",
    parse: playwrightCounts,
    failures: playwrightFailures,
    env: { PLAYWRIGHT_JSON_OUTPUT_FILE: "test-results/security.json" },
  });
  steps.push(auditVerify("the attack suite"));
  // Two instances behind nginx on one PostgreSQL: restart, frozen instance, cut-off answers
  // (decision 0076). After the browser suites, whose build it reuses (same fingerprint).
  if (findPostgresBinDir() && existsSync("/usr/sbin/nginx"))
    steps.push({
      name: "scale-out: two instances behind nginx (npm run scale:test)",
      command: ["npm", "run", "--silent", "scale:test"],
    });
  else
    console.warn(
      "PostgreSQL server binaries or nginx not found: the scale-out test cannot run (apt-get install -y postgresql nginx)",
    );
}

/** Runs a step with its output streamed live, keeping the last lines for the summary. */
function runStep(
  cmd: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ status: number; tail: string[] }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: "1",
        CHECKPOINT_DISABLE: "1",
        FORCE_COLOR: "0",
        ...env,
      },
    });
    const tail: string[] = [];
    const keep = (chunk: Buffer) => {
      tail.push(...chunk.toString("utf8").split("\n"));
      tail.splice(0, Math.max(0, tail.length - TAIL_LINES));
    };
    child.stdout.on("data", (chunk: Buffer) => {
      process.stdout.write(chunk);
      keep(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      process.stderr.write(chunk);
      keep(chunk);
    });
    child.on("error", (error) => resolve({ status: 1, tail: [String(error)] }));
    child.on("close", (code) => resolve({ status: code ?? 1, tail }));
  });
}

/** The attack suite's counts per group (tests/security/support/coverage.ts writes them). */
function securityCoverage(): string[] {
  const dir = "test-results/security-coverage";
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .map((file) => {
      const { group, counts } = JSON.parse(readFileSync(`${dir}/${file}`, "utf8")) as {
        group: string;
        counts: Record<string, number>;
      };
      return `  ${group}: ${Object.entries(counts)
        .map(([what, n]) => `${n} ${what}`)
        .join(", ")}`;
    });
}

const TAIL_LINES = 25;
const coverageLines: string[] = [];
const results: {
  name: string;
  ok: boolean;
  counts?: Counts;
  failed: FailedTest[];
  seconds: number;
  tail: string[];
}[] = [];
rmSync("test-results", { recursive: true, force: true });
for (const step of steps) {
  console.log(`\n━━━ ${step.name} ━━━`);
  const started = Date.now();
  const [cmd, ...args] = step.command as [string, ...string[]];
  const run = await runStep(cmd, args, step.env);
  const report = step.report && existsSync(step.report) ? step.report : undefined;
  const counts = report && step.parse ? step.parse(report) : undefined;
  const failed = report && step.failures && run.status !== 0 ? step.failures(report) : [];
  if (step.env?.PLAYWRIGHT_JSON_OUTPUT_FILE) coverageLines.push(...securityCoverage());
  results.push({
    name: step.name,
    ok: run.status === 0,
    counts,
    failed,
    seconds: Math.round((Date.now() - started) / 1000),
    tail: run.tail,
  });
}

// A failed step's last lines again, so that a log cut to its end still shows why.
for (const r of results.filter((r) => !r.ok)) {
  console.log(`\n━━━ failed: ${r.name} (last lines) ━━━\n${r.tail.join("\n").trim()}`);
}

console.log("\n━━━ summary ━━━");
for (const r of results) {
  const counts = r.counts
    ? ` — ${r.counts.passed} passed, ${r.counts.failed} failed, ${r.counts.skipped} skipped`
    : "";
  console.log(`${r.ok ? "✔" : "✘"} ${r.name}${counts} (${r.seconds}s)`);
  for (const f of r.failed) console.log(`    ✘ ${f.title}\n      ${f.error}`);
}
const total = results.reduce<Counts>(
  (t, r) => ({
    passed: t.passed + (r.counts?.passed ?? 0),
    failed: t.failed + (r.counts?.failed ?? 0) + (r.ok ? 0 : r.counts ? 0 : 1),
    skipped: t.skipped + (r.counts?.skipped ?? 0),
  }),
  { passed: 0, failed: 0, skipped: 0 },
);
console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
if (coverageLines.length > 0) console.log(`attack suite covered:\n${coverageLines.join("\n")}`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
