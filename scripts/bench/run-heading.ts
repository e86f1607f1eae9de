/**
 * What a bench run ran on and how (the JSON's `machine`, the table's heading): the machine, the
 * database, the server under test — the bench's one process or `npm start`'s cluster — and how busy
 * the machine was at start and end.
 */
import { cpus, loadavg, release, totalmem } from "node:os";

export function machine() {
  const cpu = cpus();
  return {
    cores: cpu.length,
    cpu: cpu[0]?.model ?? "unknown",
    memoryGB: Math.round(totalmem() / 1e9),
    node: process.version,
    kernel: release(),
    loadAverage: loadavg().map((l) => Number(l.toFixed(2))),
  };
}

/** How the server under test ran: the bench's one process, or `npm start`'s cluster. */
export function serverDescription(workers: number): string {
  return workers > 1 ? `npm start's cluster, ${workers} workers` : "one server process";
}

/** The first line of the table (console and latest.md): what ran where, and how busy the machine was. */
export function benchHeading(run: {
  database: "sqlite" | "postgres";
  workers: number;
  runs: number;
  loadAtStart: number[];
  loadAtEnd: number[];
}): string {
  const { cores, cpu } = machine();
  const load = (l: number[]) => l.map((v) => v.toFixed(2)).join(" ");
  return (
    `Kundenportal bench · ${run.database === "postgres" ? "PostgreSQL" : "SQLite"} · ` +
    `${serverDescription(run.workers)} · ${cores} cores (${cpu}), Node ${process.version} · ` +
    `${run.runs} runs, median · load average at start ${load(run.loadAtStart)}, at end ${load(run.loadAtEnd)}`
  );
}
