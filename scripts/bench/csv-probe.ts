/**
 * The CSV export measured in a process of its own (scenario 8, scenarios/csv-export.ts): the real
 * audienceCsvStream (lib/server/marketing/audience-csv.ts; on PostgreSQL its cursor), read to the end as the
 * route handler's response would read it; the bytes are counted and dropped (the network is not
 * measured). Run with `--conditions=react-server` (server-only modules) and DATABASE_URL; prints
 * one JSON line with rows, bytes, seconds and this process's own peak RSS (VmHWM, MB = 10^6 bytes).
 */
import { readFileSync } from "node:fs";
import { audienceCsvStream } from "../../lib/server/marketing/audience-csv";
import { NO_CLIENT } from "../../lib/server/actor";

const purposeKey = process.argv[2] ?? "personalisation";

function statusKB(field: "VmHWM" | "VmRSS"): number {
  const line = readFileSync("/proc/self/status", "utf8")
    .split("\n")
    .find((l) => l.startsWith(`${field}:`));
  return Number(line?.match(/(\d+)/)?.[1] ?? Number.NaN);
}

async function main() {
  const rssBeforeMB = (statusKB("VmRSS") * 1024) / 1e6;
  const started = performance.now();
  const result = await audienceCsvStream({
    actor: {
      kind: "staff",
      userId: "bench-marketing",
      role: "MARKETING",
      sessionId: null,
      client: NO_CLIENT,
    },
    purposeKey,
    filter: {},
  });
  if (!result.ok) throw new Error(`audienceCsvStream: ${result.code}`);
  const reader = result.stream.getReader();
  let bytes = 0;
  let lines = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (let i = 0; i < value.length; i++) if (value[i] === 10) lines++;
  }
  const seconds = (performance.now() - started) / 1000;
  // Where the peak lives: the V8 heap (garbage not yet collected, or held) or outside it (the
  // query engine, buffers).
  const memory = process.memoryUsage();
  console.log(
    JSON.stringify({
      rows: lines - 1,
      bytes,
      seconds,
      rssBeforeMB,
      peakRssMB: (statusKB("VmHWM") * 1024) / 1e6,
      endRssMB: memory.rss / 1e6,
      heapUsedMB: memory.heapUsed / 1e6,
      heapTotalMB: memory.heapTotal / 1e6,
      externalMB: memory.external / 1e6,
    }),
  );
  process.exit(0);
}

void main();
