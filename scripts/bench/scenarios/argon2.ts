/**
 * Scenario 1: argon2id with the production parameters (lib/server/passwords/password-hash.ts), one stream per
 * core and then one stream alone. A password sign-in verifies one hash, and a verification costs
 * one hash, so the all-cores rate is the physical limit of password sign-ins on this machine.
 * @node-rs/argon2 runs on libuv's thread pool (4 threads by default), as it does in the server.
 */
import { availableParallelism } from "node:os";
import {
  hashPassword,
  PASSWORD_HASH_OPTIONS,
  verifyPassword,
} from "../../../lib/server/passwords/password-hash";
import { BENCH_PASSWORD } from "../customers";
import { closedLoop } from "../load-loop";
import { median, summarise, type RunFigures, type Summary } from "../stats";

export type Argon2Result = {
  parameters: { memoryKiB: number; iterations: number; parallelism: number };
  cores: number;
  allCores: Summary;
  oneStream: Summary;
  /** all cores / one stream: how well the hashing scales over the cores. */
  scaling: number;
};

export async function benchArgon2(opts: { runs: number; seconds: number }): Promise<Argon2Result> {
  const cores = availableParallelism();
  const hash = await hashPassword(BENCH_PASSWORD);
  const verify = () => async () => {
    if (!(await verifyPassword(hash, BENCH_PASSWORD))) throw new Error("argon2 verify failed");
    return {};
  };
  const loop = (concurrency: number, seconds: number) =>
    closedLoop({ concurrency, warmupSeconds: 1, windows: opts.runs, seconds, next: verify });
  const all: RunFigures[] = (await loop(cores, opts.seconds)).windows.map((w) => w.total);
  const one: RunFigures[] = (await loop(1, opts.seconds / 2)).windows.map((w) => w.total);
  const allCores = summarise(all);
  const oneStream = summarise(one);
  return {
    parameters: {
      memoryKiB: PASSWORD_HASH_OPTIONS.memoryCost,
      iterations: PASSWORD_HASH_OPTIONS.timeCost,
      parallelism: PASSWORD_HASH_OPTIONS.parallelism,
    },
    cores,
    allCores,
    oneStream,
    scaling: median(all.map((r, i) => r.perSecond / one[i]!.perSecond)),
  };
}
