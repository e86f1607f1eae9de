/**
 * What each group of the attack suite covered, counted while it runs: one line per group on the
 * console and one JSON file per group under test-results/security-coverage/, which `npm test`
 * sums up in its summary (scripts/test.ts).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const COVERAGE_DIR = path.join("test-results", "security-coverage");

export class Coverage {
  private readonly counts = new Map<string, number>();

  constructor(readonly group: string) {}

  /** Counts checked cases under `what` (e.g. "route × role cells", "payloads"). */
  add(what: string, n = 1): void {
    this.counts.set(what, (this.counts.get(what) ?? 0) + n);
  }

  /**
   * For afterAll: prints the group's line and writes its JSON. A worker restarted after a failure
   * reports again for the rest of the file, so earlier counts of this run are added, not replaced
   * (Playwright empties test-results/ when a run starts).
   */
  report(): void {
    const file = path.join(COVERAGE_DIR, `${this.group}.json`);
    const before = existsSync(file)
      ? (JSON.parse(readFileSync(file, "utf8")) as { counts: Record<string, number> }).counts
      : {};
    for (const [what, n] of Object.entries(before)) this.counts.set(what, (this.counts.get(what) ?? 0) + n);
    const counts = Object.fromEntries(this.counts);
    const line = [...this.counts].map(([what, n]) => `${n} ${what}`).join(", ") || "nothing";
    console.log(`[security] ${this.group}: ${line}`);
    mkdirSync(COVERAGE_DIR, { recursive: true });
    writeFileSync(file, JSON.stringify({ group: this.group, counts }, null, 2));
    this.counts.clear();
  }
}
