/**
 * Check 2: PostgreSQL stops for OUTAGE_MS under a write load through nginx (round robin) and comes
 * back on the same port; the app instances keep running. While it is down, /api/health answers 503
 * on both instances (asked directly, not through nginx); afterwards both recover by themselves and
 * the load goes on. Every acknowledged write exists exactly once (writes.ts), and the audit chain
 * verifies (`npm run audit:verify`, run by the caller after the last check).
 */
import type { BenchPostgres } from "../bench/postgres";
import { health, type Instance, type Proxy } from "./cluster";
import type { CheckLine } from "./shared-state";
import { describeStatuses, newTally, startLoad, verifyExactlyOnce, type Plan } from "./writes";

const WRITERS = 8;
const BEFORE_MS = 8_000;
const OUTAGE_MS = 12_000;
const AFTER_MS = 8_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Health of both instances every 500 ms until `until` resolves. */
async function watchHealth(instances: Instance[], until: Promise<void>) {
  const seen = new Map(instances.map((i) => [i.name, [] as number[]]));
  let done = false;
  void until.then(() => (done = true));
  while (!done) {
    for (const instance of instances) seen.get(instance.name)!.push(await health(instance.url, 2_000));
    await sleep(500);
  }
  return seen;
}

async function untilBothHealthy(instances: Instance[], since: number): Promise<number> {
  while (Date.now() - since < 60_000) {
    const statuses = await Promise.all(instances.map((i) => health(i.url, 2_000)));
    if (statuses.every((s) => s === 200)) return Date.now() - since;
    await sleep(100);
  }
  return Number.NaN;
}

export async function checkPostgresRestart(opts: {
  postgres: BenchPostgres;
  databaseUrl: string;
  proxy: Proxy;
  instances: Instance[];
  plan: Plan;
}): Promise<CheckLine[]> {
  const prefix = "RESTART";
  const tally = newTally();
  const targets = Array.from({ length: WRITERS }, (_, i) => ({
    url: opts.proxy.rr,
    ip: `10.251.0.${i + 1}`,
  }));
  const load = startLoad({ prefix, writers: WRITERS, targets, plan: opts.plan, tally });
  await sleep(BEFORE_MS);
  const ackedBefore = tally.acknowledged.length;
  opts.postgres.halt();
  const haltedAt = Date.now();
  const outage = sleep(OUTAGE_MS).then(() => undefined);
  const seen = await watchHealth(opts.instances, outage);
  opts.postgres.resume();
  const resumedAt = Date.now();
  const recoveryMs = await untilBothHealthy(opts.instances, resumedAt);
  await sleep(AFTER_MS);
  await load.stop();
  const ackedAfterRestart = tally.acknowledged.filter((a) => a.at > resumedAt).length;
  const result = await verifyExactlyOnce(
    opts.databaseUrl,
    prefix,
    tally.acknowledged.map((a) => a.shopOrderId),
  );

  // Ignore the first second: requests that were already past the database may still succeed.
  const skip = 2;
  const healthLines = opts.instances.map((instance) => {
    const statuses = seen.get(instance.name)!.slice(skip);
    const ok = statuses.length > 0 && statuses.every((s) => s === 503);
    return {
      ok,
      line: `health on ${instance.name.toUpperCase()} while PostgreSQL was down: ${[...new Set(statuses)].join("/")} (${statuses.length} probes)`,
    };
  });
  return [
    ...healthLines,
    {
      ok: Number.isFinite(recoveryMs) && ackedAfterRestart > 0,
      line: `recovery: both instances healthy ${(recoveryMs / 1000).toFixed(1)} s after PostgreSQL was back (outage ${((resumedAt - haltedAt) / 1000).toFixed(1)} s), no app restart; ${ackedAfterRestart} writes acknowledged after it`,
    },
    {
      ok: result.lost === 0 && result.duplicated === 0 && result.stray === 0 && ackedBefore > 0,
      line: `writes through nginx across the restart: ${result.acknowledged} acknowledged (${ackedBefore} before the stop), ${result.lost} lost, ${result.duplicated} duplicated, ${result.stray} unacknowledged in the database; ${tally.retries} retries, ${tally.replays} replays; answers ${describeStatuses(tally)}`,
    },
  ];
}
