/**
 * The CPU profile summary behind decision 0078 (scripts/bench/profile-summary.ts): self and
 * inclusive time per area must add up the way the decision's table reads them.
 */
import { mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseBenchOptions, type BenchOptions } from "../../scripts/bench/options";
import { cpuMsFromStat } from "../../scripts/bench/server-processes";
import { newestProfile, summarise } from "../../scripts/bench/profile-summary";

const frame = (functionName: string, url = "") => ({ functionName, url, lineNumber: 0, columnNumber: 0 });
const ROOT = process.cwd();

// root → handler (our code) → findUnique (Prisma client) → compile (WASM) | run (libsql);
// root → (garbage collector); root → (idle); our code → digest (native, no script).
const profile = {
  nodes: [
    { id: 1, callFrame: frame("(root)"), children: [2, 6, 7] },
    { id: 2, callFrame: frame("handler", `file://${ROOT}/lib/server/identity/sign-in.ts`), children: [3, 8] },
    {
      id: 3,
      callFrame: frame("findUnique", `file://${ROOT}/node_modules/@prisma/client/runtime/client.js`),
      children: [4, 5],
    },
    { id: 4, callFrame: frame("compile", "wasm://wasm/0123abcd") },
    { id: 5, callFrame: frame("run", `file://${ROOT}/node_modules/libsql/index.js`) },
    { id: 6, callFrame: frame("(garbage collector)") },
    { id: 7, callFrame: frame("(idle)") },
    { id: 8, callFrame: frame("digest") },
  ],
  // Each sample lasts until the next: 1 ms each; the last one has no successor and counts nothing.
  samples: [4, 4, 5, 2, 6, 7, 8, 3, 7],
  timeDeltas: [0, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
};

describe("CPU profile summary", () => {
  const result = summarise(profile);
  const ms = (map: Map<string, number>, key: string) => (map.get(key) ?? 0) / 1000;

  it("counts each sample's time for the function on top of the stack", () => {
    expect(result.totalMs).toBe(8);
    expect(ms(result.self.area, "Prisma query compiler (WASM + JS glue)")).toBe(2);
    expect(ms(result.self.area, "libsql")).toBe(1);
    expect(ms(result.self.area, "Prisma client")).toBe(1);
    expect(ms(result.self.area, "GC")).toBe(1);
    expect(ms(result.self.area, "idle")).toBe(1);
  });

  it("gives a native frame without a script to the area that called it", () => {
    // handler itself (1 ms) and the digest it called (1 ms)
    expect(ms(result.self.area, "our code")).toBe(2);
    expect(ms(result.self.pkg, "lib/server")).toBe(2);
  });

  it("counts inclusive time once per area, whatever the depth", () => {
    // every sample under the handler: compile ×2, run, handler, digest, findUnique
    expect(ms(result.incl.area, "our code")).toBe(6);
    expect(ms(result.incl.area, "Prisma client")).toBe(4);
    expect(ms(result.incl.area, "root")).toBe(0);
  });

  it("takes a folder's newest main-thread profile, not a worker thread's written after it", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "profile-summary-"));
    const old = path.join(dir, "CPU.20261207.140000.100.0.001.cpuprofile");
    const main = path.join(dir, "CPU.20261207.150000.200.0.001.cpuprofile");
    const worker = path.join(dir, "CPU.20261207.150001.200.1.002.cpuprofile");
    for (const [file, seconds] of [
      [old, 1],
      [main, 2],
      [worker, 3],
    ] as const) {
      writeFileSync(file, "{}");
      utimesSync(file, seconds, seconds);
    }
    expect(newestProfile(dir)).toBe(main);
  });

  it("leaves out the start when asked", () => {
    const later = summarise(profile, 0.004); // from the fifth sample on
    expect(later.totalMs).toBe(4);
    expect(ms(later.self.area, "Prisma query compiler (WASM + JS glue)")).toBe(0);
  });
});

describe("bench options for profiling", () => {
  it("passes a profile folder and Node flags to the server under test only when asked", () => {
    const plain = parseBenchOptions([]) as BenchOptions;
    expect(plain.cpuProfileDir).toBeNull();
    expect(plain.nodeFlags).toEqual([]);
    const profiled = parseBenchOptions([
      "--cpu-prof",
      "/tmp/prof",
      "--node-flag=--max-semi-space-size=64",
      "--node-flag=--no-opt",
    ]) as BenchOptions;
    expect(profiled.cpuProfileDir).toBe("/tmp/prof");
    expect(profiled.nodeFlags).toEqual(["--max-semi-space-size=64", "--no-opt"]);
  });
});

describe("server CPU time per operation", () => {
  it("reads user and system time from /proc/<pid>/stat, whatever the process is called", () => {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime …
    const stat = "4165 (node (next) x) S 3931 31918 1 0 -1 4194304 98 0 0 0 1234 56 0 0 20 0 11 0";
    expect(cpuMsFromStat(stat)).toBe((1234 + 56) * 10);
  });
});
