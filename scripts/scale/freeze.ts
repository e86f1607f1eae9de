/**
 * Check 3: one instance frozen (SIGSTOP) for 20 s while both take writes, each addressed DIRECTLY
 * (not through nginx: a balancer would route around a frozen instance after its timeout, which is
 * not what this measures). A frozen process keeps its database connections and any open
 * transaction with its locks (the audit chain head of decision 0074 among them) until PostgreSQL's
 * idle_in_transaction_session_timeout (decision 0058) ends it.
 *
 * The two instances serve different shops (API keys, client addresses) and customers of disjoint
 * audit partitions: the claim of 0074 is that writes of other partitions never wait for the frozen
 * one. The healthy instance's acknowledged writes per second during the freeze must be ≥ 80 % of
 * its rate in the same length of time just before it. Then SIGCONT, and nothing is lost.
 */
import type { Instance } from "./cluster";
import type { CheckLine } from "./shared-state";
import { describeStatuses, newTally, startLoad, verifyExactlyOnce, type Plan } from "./writes";

const WRITERS_EACH = 4;
const WARM_UP_MS = 5_000;
const WINDOW_MS = 20_000;
export const MIN_RATIO = 0.8;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function checkFrozenInstance(opts: {
  databaseUrl: string;
  frozen: Instance;
  healthy: Instance;
  plans: { frozen: Plan; healthy: Plan };
}): Promise<CheckLine[]> {
  const prefix = "FREEZE";
  const frozenTally = newTally();
  const healthyTally = newTally();
  const loads = [
    startLoad({
      prefix,
      writers: WRITERS_EACH,
      targets: Array.from({ length: WRITERS_EACH }, (_, i) => ({
        url: opts.frozen.url,
        ip: `10.252.0.${i + 1}`,
      })),
      plan: opts.plans.frozen,
      tally: frozenTally,
    }),
    startLoad({
      prefix,
      writers: WRITERS_EACH,
      targets: Array.from({ length: WRITERS_EACH }, (_, i) => ({
        url: opts.healthy.url,
        ip: `10.253.0.${i + 1}`,
      })),
      plan: opts.plans.healthy,
      tally: healthyTally,
    }),
  ];
  await sleep(WARM_UP_MS + WINDOW_MS);
  const frozenAt = Date.now();
  process.kill(opts.frozen.pid, "SIGSTOP");
  await sleep(WINDOW_MS);
  process.kill(opts.frozen.pid, "SIGCONT");
  const thawedAt = Date.now();
  // Long enough for the frozen instance's held requests to finish or be retried.
  await sleep(5_000);
  await Promise.all(loads.map((load) => load.stop()));

  const between = (from: number, to: number) =>
    healthyTally.acknowledged.filter((a) => a.at >= from && a.at < to).length;
  const before = between(frozenAt - WINDOW_MS, frozenAt);
  const during = between(frozenAt, thawedAt);
  const ratio = before > 0 ? during / before : 0;
  const frozenDuring = frozenTally.acknowledged.filter(
    (a) => a.at >= frozenAt + 1_000 && a.at < thawedAt,
  ).length;
  const all = [...frozenTally.acknowledged, ...healthyTally.acknowledged].map((a) => a.shopOrderId);
  const result = await verifyExactlyOnce(opts.databaseUrl, prefix, all);
  const seconds = (thawedAt - frozenAt) / 1000;
  return [
    {
      ok: ratio >= MIN_RATIO && frozenDuring === 0,
      line: `frozen instance ${opts.frozen.name.toUpperCase()} (SIGSTOP ${seconds.toFixed(1)} s): ${opts.healthy.name.toUpperCase()} acknowledged ${before} writes in the ${WINDOW_MS / 1000} s before, ${during} during → ${(ratio * 100).toFixed(0)} % (need ≥ ${MIN_RATIO * 100} %); the frozen one ${frozenDuring}`,
    },
    {
      ok: result.lost === 0 && result.duplicated === 0 && result.stray === 0,
      line: `writes around the freeze: ${result.acknowledged} acknowledged, ${result.lost} lost, ${result.duplicated} duplicated, ${result.stray} unacknowledged in the database; frozen side answers ${describeStatuses(frozenTally)}, healthy side ${describeStatuses(healthyTally)}`,
    },
  ];
}
