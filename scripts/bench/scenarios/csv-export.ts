/**
 * Scenario 8: the audience CSV export (issue 13 Done-when 5, docs/decisions/0045) on PostgreSQL
 * with a million audience rows. The database is migrated and seeded with the bench's customers
 * (seed.ts), each given a profile with a first name (search.ts) and a current grant of one consent
 * purpose (a ConsentRecord and its ConsentState projection, as the consent centre writes them);
 * `personalisation` needs no double opt-in, so every customer is in its audience. Then
 * csv-probe.ts reads audienceCsvStream to the end in a child process, so the RSS measured is the
 * export's own: the parent samples the child's VmRSS every 50 ms and the child reports its VmHWM
 * (the kernel's peak, which no sampling can miss). Pass: peak RSS under 200 MB.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import pg from "pg";
import { bulkTarget, type Value } from "../bulk-insert";
import { customer } from "../customers";
import { prepareDatabase, ROOT } from "../portal";
import { createDatabase, type BenchPostgres } from "../postgres";
import { seedCustomers } from "../seed";
import { seedProfiles } from "./search";

export const CSV_PURPOSE = "personalisation";
export const CSV_RSS_LIMIT_MB = 200;

export type CsvExportResult = {
  customers: number;
  purpose: string;
  seedSeconds: number;
  rows: number;
  bytes: number;
  seconds: number;
  rowsPerSecond: number;
  /** Highest VmRSS of the child seen by 50 ms sampling. */
  sampledPeakRssMB: number;
  /** The child's VmHWM at the end (the kernel's peak). */
  peakRssMB: number;
  rssBeforeMB: number;
  /** The child at the end: RSS, V8 heap used and reserved, memory outside the heap. */
  endRssMB: number;
  heapUsedMB: number;
  heapTotalMB: number;
  externalMB: number;
  /** Highest sampled RSS in each quarter of the export's run time: growth or a plateau. */
  rssByQuarterMB: number[];
  samples: number;
  pass: boolean;
};

const CHUNK = 10_000;

async function seedConsents(url: string, total: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ purposeId: string; versionId: string; textHash: string }>(
    `SELECT p."id" AS "purposeId", v."id" AS "versionId", t."textHash" AS "textHash"
     FROM "ConsentPurpose" p JOIN "ConsentPurposeVersion" v ON v."purposeId" = p."id"
     JOIN "ConsentPurposeText" t ON t."versionId" = v."id"
     WHERE p."key" = $1 AND v."publishedAt" IS NOT NULL ORDER BY v."version" DESC LIMIT 1`,
    [CSV_PURPOSE],
  );
  await client.end();
  const scope = rows[0];
  if (!scope) throw new Error(`no published version of ${CSV_PURPOSE}`);
  const target = await bulkTarget(url);
  const at = new Date();
  try {
    await target.bulkLoad(["ConsentRecord", "ConsentState"], async () => {
      for (let from = 0; from < total; from += CHUNK) {
        const records: Value[][] = [];
        const states: Value[][] = [];
        for (let i = from; i < Math.min(total, from + CHUNK); i++) {
          const recordId = `bench-consent-${i}`;
          records.push([
            recordId,
            customer.userId(i),
            scope.purposeId,
            scope.versionId,
            "GRANTED",
            "CONSENT_CENTRE",
            "de",
            scope.textHash,
            at,
          ]);
          states.push([
            `bench-state-${i}`,
            customer.userId(i),
            scope.purposeId,
            scope.versionId,
            "GRANTED",
            recordId,
            at,
          ]);
        }
        await target.insert({
          table: "ConsentRecord",
          columns: [
            "id",
            "userId",
            "purposeId",
            "versionId",
            "action",
            "source",
            "locale",
            "textHash",
            "createdAt",
          ],
          rows: records,
        });
        await target.insert({
          table: "ConsentState",
          columns: ["id", "userId", "purposeId", "versionId", "lastAction", "lastRecordId", "updatedAt"],
          rows: states,
        });
      }
    });
  } finally {
    await target.close();
  }
}

function vmRssMB(pid: number): number {
  try {
    const kb = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+)/m)?.[1];
    return kb ? (Number(kb) * 1024) / 1e6 : 0;
  } catch {
    return 0;
  }
}

type ProbeResult = Pick<
  CsvExportResult,
  | "rows"
  | "bytes"
  | "seconds"
  | "rssBeforeMB"
  | "peakRssMB"
  | "endRssMB"
  | "heapUsedMB"
  | "heapTotalMB"
  | "externalMB"
>;

function probe(
  url: string,
  env: NodeJS.ProcessEnv,
): Promise<ProbeResult & { sampledPeakRssMB: number; samples: number; rssByQuarterMB: number[] }> {
  return new Promise((resolve, reject) => {
    // node itself (not the tsx wrapper, which would run the script in a grandchild): the pid
    // sampled is the process that exports.
    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "scripts/bench/csv-probe.ts", CSV_PURPOSE],
      {
        cwd: ROOT,
        env: { ...env, DATABASE_URL: url, NODE_ENV: "production" },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const series: number[] = [];
    const timer = setInterval(() => {
      if (child.pid !== undefined) series.push(vmRssMB(child.pid));
    }, 50);
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
    child.once("error", (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.once("close", (code) => {
      clearInterval(timer);
      const line = out.trim().split("\n").at(-1) ?? "";
      if (code !== 0 || !line.startsWith("{")) return reject(new Error(`csv probe failed (${code}): ${out}`));
      const quarter = Math.max(1, Math.ceil(series.length / 4));
      const rssByQuarterMB = [0, 1, 2, 3].map((q) =>
        Math.max(0, ...series.slice(q * quarter, (q + 1) * quarter)),
      );
      resolve({
        ...(JSON.parse(line) as ProbeResult),
        sampledPeakRssMB: Math.max(0, ...series),
        samples: series.length,
        rssByQuarterMB,
      });
    });
  });
}

export async function benchCsvExport(
  server: BenchPostgres,
  opts: { customers: number; env: NodeJS.ProcessEnv; log: (line: string) => void },
): Promise<CsvExportResult> {
  const url = await createDatabase(server, "portal_csv");
  prepareDatabase(url, opts.env);
  opts.log(
    `  seeding ${opts.customers.toLocaleString("en")} customers with a profile and a ${CSV_PURPOSE} grant …`,
  );
  const started = Date.now();
  await seedCustomers(url, { from: 0, to: opts.customers, sessions: [], passkeys: [] });
  await seedProfiles(url, opts.customers);
  await seedConsents(url, opts.customers);
  const seedSeconds = Math.round((Date.now() - started) / 1000);
  opts.log(`  seeded in ${seedSeconds} s; exporting the ${CSV_PURPOSE} audience as CSV in a child process …`);
  const run = await probe(url, opts.env);
  const peak = Math.max(run.peakRssMB, run.sampledPeakRssMB);
  const result: CsvExportResult = {
    customers: opts.customers,
    purpose: CSV_PURPOSE,
    seedSeconds,
    ...run,
    rowsPerSecond: run.rows / run.seconds,
    pass: run.rows === opts.customers && peak < CSV_RSS_LIMIT_MB,
  };
  opts.log(
    `  CSV export: ${result.rows.toLocaleString("en")} rows, ${(result.bytes / 1e6).toFixed(1)} MB in ` +
      `${result.seconds.toFixed(1)} s (${Math.round(result.rowsPerSecond).toLocaleString("en")} rows/s)`,
  );
  opts.log(
    `  peak RSS ${result.peakRssMB.toFixed(1)} MB (VmHWM; sampled every 50 ms: ${result.sampledPeakRssMB.toFixed(1)} MB ` +
      `over ${result.samples} samples; ${result.rssBeforeMB.toFixed(1)} MB before the export) — ` +
      `${result.pass ? "PASS" : "FAIL"} (limit ${CSV_RSS_LIMIT_MB} MB, all ${opts.customers.toLocaleString("en")} rows)`,
  );
  opts.log(
    `  RSS by quarter of the run ${result.rssByQuarterMB.map((mb) => mb.toFixed(0)).join(" / ")} MB; at the end ` +
      `RSS ${result.endRssMB.toFixed(0)} MB, V8 heap ${result.heapUsedMB.toFixed(0)} MB used of ` +
      `${result.heapTotalMB.toFixed(0)} MB, external ${result.externalMB.toFixed(0)} MB`,
  );
  return result;
}
