/**
 * The support search measured in-process against a seeded PostgreSQL database (scenario 7,
 * scenarios/search.ts): the real domain function (lib/server/support/search.ts) with Prisma, as
 * the console page calls it, over prefixes spread across the whole range; then EXPLAIN ANALYZE of
 * the SQL each kind of search runs. Run with `--conditions=react-server` (server-only modules) and
 * DATABASE_URL; prints one JSON line.
 */
import pg from "pg";
import { searchCustomers } from "../../lib/server/support/search";
import type { SupportSearch } from "../../lib/schemas/support";
import { customer } from "./customers";
import { percentile } from "./stats";

const total = Number(process.argv[2] ?? 1_000_000);
const QUERIES = 300;

function probes(kind: SupportSearch["by"], n: number): SupportSearch[] {
  return Array.from({ length: n }, (_, k) => {
    const i = Math.floor(((k + 0.5) * total) / n);
    if (kind === "email") return { by: "email", q: `kunde-${String(i).slice(0, 4)}` };
    if (kind === "number") return { by: "number", q: `K-${customer.customerNumber(i).slice(0, 5)}` };
    if (kind === "name") return { by: "name", q: `${customer.name(i).toLowerCase().slice(0, 9)}` };
    return { by: "phone", q: `0170 ${String(i).padStart(7, "0").slice(0, 3)}` };
  });
}

async function timed(search: SupportSearch): Promise<{ ms: number; next: string | null; hits: number }> {
  const started = performance.now();
  const page = await searchCustomers(search);
  return { ms: performance.now() - started, next: page.next, hits: page.hits.length };
}

async function explain(client: pg.Client, sql: string, params: unknown[]): Promise<string[]> {
  const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
  return rows.map((r) => r["QUERY PLAN"]);
}

async function main() {
  const result: Record<string, unknown> = { customers: total };
  for (const kind of ["email", "name", "phone", "number"] as const) {
    for (const warm of probes(kind, 20)) await timed(warm);
    const times: number[] = [];
    let hits = 0;
    for (const search of probes(kind, QUERIES)) {
      const first = await timed(search);
      times.push(first.ms);
      hits += first.hits;
      // The second page through the cursor, as "Weitere Treffer" asks for it.
      if (first.next) times.push((await timed({ ...search, after: first.next })).ms);
    }
    result[kind] = {
      queries: times.length,
      meanHits: Math.round((hits / QUERIES) * 10) / 10,
      p50: percentile(times, 0.5),
      p95: percentile(times, 0.95),
      max: Math.max(...times),
    };
  }
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    result.explain = {
      email: await explain(
        client,
        `SELECT "id", "email", "emailNormalized", "status" FROM "User" WHERE "emailNormalized" >= $1 AND "emailNormalized" < $2 ORDER BY "emailNormalized" ASC LIMIT 21`,
        ["kunde-5000", "kunde-5000\uffff"],
      ),
      number: await explain(
        client,
        `SELECT "id", "email", "customerNumber", "status" FROM "User" WHERE "customerNumber" >= $1 AND "customerNumber" < $2 ORDER BY "customerNumber" ASC LIMIT 21`,
        ["10005", "10005\uffff"],
      ),
      name: await explain(
        client,
        `SELECT "id", "userId", "nameNormalized" FROM "Profile" WHERE "nameNormalized" >= $1 AND "nameNormalized" < $2 ORDER BY "nameNormalized" ASC, "id" ASC LIMIT 21`,
        ["emma weber", "emma weber\uffff"],
      ),
      phone: await explain(
        client,
        `SELECT "id", "userId", "phoneE164" FROM "Profile" WHERE "phoneE164" >= $1 AND "phoneE164" < $2 ORDER BY "phoneE164" ASC, "id" ASC LIMIT 21`,
        ["+491700500", "+491700500\uffff"],
      ),
    };
  } finally {
    await client.end();
  }
  console.log(JSON.stringify(result));
  process.exit(0);
}

void main();
