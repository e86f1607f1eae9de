/**
 * Scenario 6's view from inside PostgreSQL: pg_stat_statements over each point's load, so the
 * decision of what grows with the data rests on each statement's buffers per call (pages touched,
 * which only the data moves) and its mean execution time, not on end-to-end latencies alone, which
 * on a shared machine move with everyone else's load.
 */
import type { Client } from "pg";

export type StatementStats = {
  queryId: string;
  query: string;
  calls: number;
  meanMs: number;
  /** Shared buffers hit or read per call: index depth and heap pages, what a bigger table costs. */
  blocksPerCall: number;
  rowsPerCall: number;
};

export type StatementGrowth = StatementStats & {
  small: { meanMs: number; blocksPerCall: number } | null;
};

async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Starts a point's count afresh (the server was started with the library preloaded). */
export function resetStatementStats(url: string): Promise<void> {
  return withClient(url, async (client) => {
    await client.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    await client.query("SELECT pg_stat_statements_reset()");
  });
}

/** The statements of this database called at least `minCalls` times since the reset, costliest first. */
export function readStatementStats(url: string, minCalls = 10): Promise<StatementStats[]> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{
      queryid: string;
      query: string;
      calls: string;
      mean: number;
      blocks: string;
      rows: string;
    }>(
      `SELECT s.queryid::text AS queryid, s.query, s.calls::text AS calls, s.mean_exec_time AS mean,
              (s.shared_blks_hit + s.shared_blks_read)::text AS blocks, s.rows::text AS rows
       FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
       WHERE d.datname = current_database() AND s.calls >= $1
       ORDER BY s.total_exec_time DESC`,
      [minCalls],
    );
    return rows.map((r) => ({
      queryId: r.queryid,
      query: r.query.replace(/\s+/g, " ").slice(0, 400),
      calls: Number(r.calls),
      meanMs: r.mean,
      blocksPerCall: Number(r.blocks) / Number(r.calls),
      rowsPerCall: Number(r.rows) / Number(r.calls),
    }));
  });
}

/** The large point's statements, each beside the same statement at the small point. */
export function statementGrowth(small: StatementStats[], large: StatementStats[]): StatementGrowth[] {
  const before = new Map(small.map((s) => [s.queryId, s]));
  return large.map((s) => {
    const b = before.get(s.queryId);
    return { ...s, small: b ? { meanMs: b.meanMs, blocksPerCall: b.blocksPerCall } : null };
  });
}
