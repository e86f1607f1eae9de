/**
 * `npm run bench` case for the common-password check: load time, memory it adds, lookup median.
 * Call it before anything else in scripts/bench.ts loads the list (the list loads once per process).
 * Run node with --expose-gc for steadier memory figures (retained, not transient, memory).
 */
import { isCommonPassword, loadCommonPasswords } from "./common-passwords";

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export async function benchCommonPasswords(): Promise<void> {
  collectGarbage();
  const before = process.memoryUsage();
  const started = process.hrtime.bigint();
  const list = await loadCommonPasswords();
  const loadMs = Number(process.hrtime.bigint() - started) / 1e6;
  collectGarbage();
  const after = process.memoryUsage();

  // Half listed, half not: lookups are a binary search either way.
  const probes = ["password", "123456789", "Passwort1", "iloveyou", "qwertz123"];
  for (let i = 0; i < 995; i++) probes.push(`korrekt-pferd-${i}-${Math.random().toString(36).slice(2)}`);
  const times: number[] = [];
  for (let round = 0; round < 10; round++) {
    for (const probe of probes) {
      const t = process.hrtime.bigint();
      await isCommonPassword(probe);
      times.push(Number(process.hrtime.bigint() - t) / 1e3);
    }
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  const p95 = times[Math.floor(times.length * 0.95)]!;

  console.log(
    `${"common passwords: load list".padEnd(44)} entries=${list.size}  load=${loadMs.toFixed(0)} ms  ` +
      `rss +${mib(after.rss - before.rss)}  heap +${mib(after.heapUsed - before.heapUsed)}  ` +
      `buffers +${mib(after.arrayBuffers - before.arrayBuffers)}${"gc" in globalThis ? "" : " (no --expose-gc)"}`,
  );
  console.log(
    `${"common passwords: isCommonPassword".padEnd(44)} runs=${String(times.length).padStart(5)}  ` +
      `median=${median.toFixed(1)} µs  p95=${p95.toFixed(1)} µs`,
  );
}
