/**
 * `npm run bench -- --workers N` (scripts/bench/portal.ts): the server under test as `npm start`
 * runs it, N cluster workers whose statements, CPU time and open files the bench sums; the
 * statement counter preload must reach every worker through the primary's Node flags.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseBenchOptions, type BenchOptions } from "../../scripts/bench/options";
import { freePort } from "../../scripts/bench/ports";
import { benchHeading } from "../../scripts/bench/run-heading";
import {
  childPids,
  counterPorts,
  parentPidFromStat,
  sumCpuTimes,
  sumOpenFiles,
  sumQueryCounts,
} from "../../scripts/bench/server-processes";

const parse = (...args: string[]) => parseBenchOptions(args) as BenchOptions;

describe("bench --workers", () => {
  it("defaults to one server process, as every figure before it", () => {
    expect(parse().workers).toBe(1);
    expect(parse("--workers", "2").workers).toBe(2);
    expect(parse("--workers", "1", "--cpu-prof", "/tmp/prof").workers).toBe(1);
  });

  it.each([
    [["--workers", "0"], /--workers must be a positive number/],
    [["--workers", "1.5"], /whole number from 1 to 64/],
    [["--workers", "65"], /whole number from 1 to 64/],
    [["--workers", "two"], /--workers must be a positive number/],
    [["--workers", "2", "--cpu-prof", "/tmp/prof"], /--cpu-prof profiles one server process/],
  ])("refuses %j", (args, message) => {
    expect(() => parse(...args)).toThrow(message);
  });

  it("names the server in the table's heading", () => {
    const run = { database: "sqlite" as const, runs: 3, loadAtStart: [0.1, 0.2, 0.3], loadAtEnd: [1, 1, 1] };
    expect(benchHeading({ ...run, workers: 1 })).toContain("· SQLite · one server process ·");
    expect(benchHeading({ ...run, workers: 2 })).toContain("· npm start's cluster, 2 workers ·");
    expect(benchHeading({ ...run, workers: 2 })).toMatch(/load average at start 0.10 0.20 0.30, at end 1.00/);
  });
});

describe("the cluster's figures", () => {
  it("sums statements, memory, CPU time and open files over the workers", () => {
    expect(
      sumQueryCounts([
        { statements: 120, rssBytes: 300e6 },
        { statements: 80, rssBytes: 250e6 },
      ]),
    ).toEqual({ statements: 200, rssBytes: 550e6 });
    expect(
      sumCpuTimes([
        { processMs: 900, mainThreadMs: 600 },
        { processMs: 700, mainThreadMs: 500 },
      ]),
    ).toEqual({ processMs: 1_600, mainThreadMs: 1_100 });
    expect(
      sumOpenFiles([
        { total: 40, database: 3 },
        { total: 35, database: 2 },
      ]),
    ).toEqual({ total: 75, database: 5 });
  });

  it("never makes a figure up when no worker is there", () => {
    expect(sumCpuTimes([]).processMs).toBeNaN();
    expect(sumOpenFiles([]).total).toBeNaN();
  });

  it("reads the parent pid of a stat line whose name holds spaces and parentheses", () => {
    expect(parentPidFromStat("4242 (node (worker) 2) S 4200 4200 4100 0 -1 4194560 10 0 0 0 7 3")).toBe(4200);
  });

  it("takes the counter ports of live workers only", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "bench-counters-"));
    try {
      writeFileSync(path.join(dir, "101"), "40001");
      writeFileSync(path.join(dir, "102"), "40002");
      writeFileSync(path.join(dir, "103"), "40003"); // a worker that died
      writeFileSync(path.join(dir, "104"), ""); // still being written
      expect(counterPorts(dir, [101, 102, 104]).sort()).toEqual([40001, 40002]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("finds a process's children in /proc", async () => {
    const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 10000)"], { stdio: "ignore" });
    try {
      await new Promise((resolve) => child.once("spawn", resolve));
      expect(childPids(process.pid)).toContain(child.pid);
    } finally {
      child.kill("SIGKILL");
    }
  });
});

describe("the statement counter under the cluster", () => {
  it(
    "reaches every worker through the primary's flags, each on a port of its own, and not the primary",
    { timeout: 60_000 },
    async () => {
      const port = await freePort();
      const dir = mkdtempSync(path.join(tmpdir(), "bench-counters-"));
      // scripts/cluster.ts's primary with the stub worker, preloaded as portal.ts preloads the cluster.
      const primary = spawn(
        process.execPath,
        [
          "--import",
          "tsx",
          "--import",
          "./scripts/bench/query-counter.ts",
          "tests/support/cluster-primary.ts",
        ],
        {
          env: { ...process.env, PORT: String(port), STUB_WORKERS: "2", BENCH_QUERY_COUNTER_DIR: dir },
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      let output = "";
      primary.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
      primary.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise((resolve) => primary.once("exit", resolve));
      try {
        const deadline = Date.now() + 30_000;
        while (readdirSync(dir).length < 2 || !output.includes("(2 workers)")) {
          if (Date.now() > deadline) throw new Error(`not ready:\n${output}`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const workers = childPids(primary.pid!);
        expect(workers).toHaveLength(2);
        expect(readdirSync(dir).map(Number).sort()).toEqual([...workers].sort());
        const ports = counterPorts(dir, workers);
        expect(new Set(ports).size).toBe(2);
        for (const counter of ports) {
          const counts = (await (await fetch(`http://127.0.0.1:${counter}/`)).json()) as {
            statements: number;
          };
          expect(counts.statements).toBe(0);
        }
        expect(output.match(/counting SQL statements/g)).toHaveLength(2);
        primary.kill("SIGTERM");
        await exited;
      } finally {
        if (primary.exitCode === null) primary.kill("SIGKILL");
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
