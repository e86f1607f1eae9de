/**
 * The bench's SQL statement counter (scripts/bench/query-counter.ts): one count per statement the
 * driver executes, and never part of what `npm start` runs.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { installQueryCounter, queryCounts } from "../../scripts/bench/query-counter";

type Database = {
  prepare(sql: string): { run(...a: unknown[]): unknown; all(...a: unknown[]): unknown[]; get(): unknown };
  exec(sql: string): void;
  close(): void;
};
const Libsql = createRequire(path.resolve("package.json"))("libsql") as new (file: string) => Database;

describe("the bench's statement counter", () => {
  it("counts each statement libsql executes once, however it is run", () => {
    expect(installQueryCounter()).toContain("libsql");
    installQueryCounter(); // a second install must not count twice
    const db = new Libsql(":memory:");
    const counted = (fn: () => void) => {
      const before = queryCounts().statements;
      fn();
      return queryCounts().statements - before;
    };
    expect(counted(() => db.prepare("CREATE TABLE t (x INTEGER)").run())).toBe(1);
    expect(counted(() => [1, 2, 3].forEach((x) => db.prepare("INSERT INTO t VALUES (?)").run(x)))).toBe(3);
    // all() runs through iterate(): still one statement.
    expect(counted(() => expect(db.prepare("SELECT x FROM t").all()).toHaveLength(3))).toBe(1);
    expect(counted(() => db.prepare("SELECT count(*) FROM t").get())).toBe(1);
    expect(counted(() => db.exec("BEGIN; COMMIT"))).toBe(1);
    db.close();
  });
});

describe("the production start", () => {
  // The counter is preloaded by the bench only; nothing the server runs may import bench code.
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((entry) => {
      const file = path.join(dir, entry);
      if (entry === "generated" || entry === "node_modules") return [];
      return statSync(file).isDirectory() ? files(file) : /\.(ts|tsx)$/.test(entry) ? [file] : [];
    });

  it("never imports the bench", () => {
    const production = [
      ...files("app"),
      ...files("lib"),
      ...files("components"),
      "proxy.ts",
      "scripts/server.ts",
      "scripts/start.ts",
    ];
    expect(production.length).toBeGreaterThan(100);
    const offenders = production.filter((file) =>
      /(from|import\(?)\s*["'][^"']*(\bbench\/|query-counter)/.test(readFileSync(file, "utf8")),
    );
    expect(offenders).toEqual([]);
  });
});
