/**
 * Scenario 7: the support search (issue 12 Done-when 4, docs/decisions/0042) on PostgreSQL with a
 * million customers. The database is migrated, seeded with the bench's customers (seed.ts), each
 * given a profile with a name and a mobile number, analysed; then search-probe.ts runs the real
 * search function in a child process (server-only modules need the react-server condition) and
 * reports p50/p95 per kind of search, first and second pages, with the query plans.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { bulkTarget, type Value } from "../bulk-insert";
import { customer } from "../customers";
import { prepareDatabase, ROOT } from "../portal";
import { createDatabase, type BenchPostgres } from "../postgres";
import { seedCustomers } from "../seed";

type Kind = { queries: number; meanHits: number; p50: number; p95: number; max: number };
export type SearchResult = {
  customers: number;
  seedSeconds: number;
  email: Kind;
  name: Kind;
  phone: Kind;
  /** Absent in results stored before the customer number (decision 0043). */
  number?: Kind;
  explain: Record<string, string[]>;
};

const CHUNK = 10_000;

export async function seedProfiles(url: string, total: number): Promise<void> {
  const target = await bulkTarget(url);
  const now = new Date();
  try {
    await target.bulkLoad(["Profile"], async () => {
      for (let from = 0; from < total; from += CHUNK) {
        const rows: Value[][] = [];
        for (let i = from; i < Math.min(total, from + CHUNK); i++) {
          const [first, last] = customer.name(i).split(" ");
          rows.push([
            `bench-profile-${i}`,
            customer.userId(i),
            first!,
            last!,
            customer.name(i).toLowerCase(),
            customer.phoneE164(i),
            now,
            now,
          ]);
        }
        await target.insert({
          table: "Profile",
          columns: [
            "id",
            "userId",
            "firstName",
            "lastName",
            "nameNormalized",
            "phoneE164",
            "createdAt",
            "updatedAt",
          ],
          rows,
        });
      }
    });
  } finally {
    await target.close();
  }
}

function probe(
  url: string,
  total: number,
  env: NodeJS.ProcessEnv,
): Promise<Omit<SearchResult, "seedSeconds">> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      path.join(ROOT, "node_modules/.bin/tsx"),
      ["--conditions=react-server", "scripts/bench/search-probe.ts", String(total)],
      {
        cwd: ROOT,
        env: { ...env, DATABASE_URL: url, NODE_ENV: "production" },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
    child.once("error", reject);
    child.once("close", (code) => {
      const line = out.trim().split("\n").at(-1) ?? "";
      if (code !== 0 || !line.startsWith("{"))
        return reject(new Error(`search probe failed (${code}): ${out}`));
      resolve(JSON.parse(line) as Omit<SearchResult, "seedSeconds">);
    });
  });
}

export async function benchSearch(
  server: BenchPostgres,
  opts: { customers: number; env: NodeJS.ProcessEnv; log: (line: string) => void },
): Promise<SearchResult> {
  const url = await createDatabase(server, "portal_search");
  prepareDatabase(url, opts.env);
  opts.log(`  seeding ${opts.customers.toLocaleString("en")} customers with profiles …`);
  const started = Date.now();
  await seedCustomers(url, { from: 0, to: opts.customers, sessions: [], passkeys: [] });
  await seedProfiles(url, opts.customers);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("ANALYZE");
  await client.end();
  const seedSeconds = Math.round((Date.now() - started) / 1000);
  opts.log(`  seeded in ${seedSeconds} s; searching …`);
  const result = { ...(await probe(url, opts.customers, opts.env)), seedSeconds };
  for (const kind of ["email", "name", "phone", "number"] as const) {
    const stats = result[kind];
    if (stats)
      opts.log(
        `  search by ${kind}: p50 ${stats.p50.toFixed(2)} ms, p95 ${stats.p95.toFixed(2)} ms ` +
          `(${stats.queries} queries, target p95 < 50 ms)`,
      );
  }
  for (const [kind, plan] of Object.entries(result.explain))
    opts.log(`  EXPLAIN ${kind}:\n    ${plan.join("\n    ")}`);
  return result;
}
