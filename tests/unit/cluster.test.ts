/**
 * scripts/cluster.ts (docs/decisions/0075): how many workers `npm start` runs, and how long it waits
 * before starting a worker again that keeps dying.
 */
import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { restartDelayMs, workerCount } from "../../scripts/cluster";

describe("workerCount", () => {
  it("runs one worker per available core unless WEB_CONCURRENCY says otherwise", () => {
    expect(workerCount({})).toBe(availableParallelism());
    expect(workerCount({ WEB_CONCURRENCY: " " })).toBe(availableParallelism());
    expect(workerCount({ WEB_CONCURRENCY: "1" })).toBe(1);
    expect(workerCount({ WEB_CONCURRENCY: "3" })).toBe(3);
  });

  it("refuses a value that is no whole number from 1 to 64, naming the variable", () => {
    for (const raw of ["0", "-2", "1.5", "abc", "65"])
      expect(() => workerCount({ WEB_CONCURRENCY: raw })).toThrow(`WEB_CONCURRENCY: must be a whole number`);
  });
});

describe("restartDelayMs", () => {
  it("doubles from half a second with each quick death in a row, up to 30 s", () => {
    expect([1, 2, 3, 4].map(restartDelayMs)).toEqual([500, 1_000, 2_000, 4_000]);
    expect(restartDelayMs(7)).toBe(30_000);
    expect(restartDelayMs(50)).toBe(30_000);
  });
});
