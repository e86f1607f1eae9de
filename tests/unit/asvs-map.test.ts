/**
 * Keeps docs/security/asvs-l2.md honest (docs/decisions/0027): every ASVS 5.0 Level 1/2
 * requirement of the mapped chapters has a row; every row names real tests (file › title, "…" for a
 * generated family); a row is "met" only if at least one of its tests really runs (is not a
 * test.fixme); an open row names the finding of issue 10 that closes it, or says "new". The
 * documentation requirements are checked against the documents themselves.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const MAP = "docs/security/asvs-l2.md";

/** ASVS 5.0.0 (v5.0.0_release): the Level 1 and 2 requirements in scope, id:level, per chapter. */
const EXPECTED: Record<string, string> = {
  V6: "6.1.1:1 6.1.2:2 6.1.3:2 6.2.1:1 6.2.2:1 6.2.3:1 6.2.4:1 6.2.5:1 6.2.6:1 6.2.7:1 6.2.8:1 6.2.9:2 6.2.10:2 6.2.11:2 6.2.12:2 6.3.1:1 6.3.2:1 6.3.3:2 6.3.4:2 6.4.1:1 6.4.2:1 6.4.3:2 6.4.4:2 6.5.1:2 6.5.2:2 6.5.3:2 6.5.4:2 6.5.5:2 6.6.1:2 6.6.2:2 6.6.3:2 6.8.1:2 6.8.2:2 6.8.3:2 6.8.4:2",
  V7: "7.1.1:2 7.1.2:2 7.1.3:2 7.2.1:1 7.2.2:1 7.2.3:1 7.2.4:1 7.3.1:2 7.3.2:2 7.4.1:1 7.4.2:1 7.4.3:2 7.4.4:2 7.4.5:2 7.5.1:2 7.5.2:2 7.6.1:2 7.6.2:2",
  V8: "8.1.1:1 8.1.2:2 8.2.1:1 8.2.2:1 8.2.3:2 8.3.1:1 8.4.1:2",
  V14: "14.1.1:2 14.1.2:2 14.2.1:1 14.2.2:2 14.2.3:2 14.2.4:2 14.3.1:1 14.3.2:2 14.3.3:2",
  // V3 and V4: the sections on headers, cookies, redirects and cross-site requests.
  V3: "3.2.1:1 3.3.1:1 3.3.2:2 3.3.3:2 3.3.4:2 3.4.1:1 3.4.2:1 3.4.3:2 3.4.4:2 3.4.5:2 3.4.6:2 3.5.1:1 3.5.2:1 3.5.3:1 3.5.4:2 3.5.5:2 3.7.1:2 3.7.2:2",
  V4: "4.1.1:1 4.1.2:2 4.1.3:2",
};

type Row = { chapter: string; id: string; level: string; status: string; evidence: string; line: number };
type Reference = { file: string; title: string };

function parseMap(text: string): Row[] {
  const rows: Row[] = [];
  let chapter = "";
  text.split("\n").forEach((line, index) => {
    const heading = /^## (V\d+) /.exec(line);
    if (heading) chapter = heading[1]!;
    const cells = line.split("|").map((c) => c.trim());
    if (!line.startsWith("|") || !/^\d+\.\d+\.\d+$/.test(cells[1] ?? "")) return;
    rows.push({
      chapter,
      id: cells[1]!,
      level: cells[3]!,
      status: cells[4]!,
      evidence: cells.slice(5, -1).join("|"),
      line: index + 1,
    });
  });
  return rows;
}

function references(evidence: string): Reference[] {
  return [...evidence.matchAll(/`([^`›]+?) › ([^`]+)`/g)].map((m) => ({
    file: m[1]!.trim(),
    title: m[2]!.trim(),
  }));
}

/** Where the title's text starts in the file, "…" standing for the generated part; -1 if absent. */
function locate(source: string, title: string): number {
  const parts = title.split("…").filter((p) => p.length > 0);
  let from = 0;
  let first = -1;
  for (const part of parts) {
    const at = source.indexOf(part, from);
    if (at < 0) return -1;
    if (first < 0) first = at;
    from = at + part.length;
  }
  return first;
}

/** A test declared with test.fixme (it will not run until a fix switches it on). */
function isFixme(source: string, at: number): boolean {
  const before = source.slice(Math.max(0, at - 160), at);
  const declarations = [...before.matchAll(/\b(test\.fixme|test|it)\(\s*[`"']?$|\b(test\.fixme|test|it)\(/g)];
  return declarations.at(-1)?.[0].startsWith("test.fixme") ?? false;
}

const text = readFileSync(MAP, "utf8");
const rows = parseMap(text);

describe("docs/security/asvs-l2.md", () => {
  it("has one row for every ASVS 5.0 Level 1/2 requirement in scope, at its level", () => {
    for (const [chapter, list] of Object.entries(EXPECTED)) {
      const expected = list.split(" ").map((e) => e.split(":") as [string, string]);
      const found = rows.filter((r) => r.chapter === chapter).map((r) => [r.id, r.level]);
      expect(found, chapter).toEqual(expected);
    }
    expect(rows).toHaveLength(Object.values(EXPECTED).join(" ").split(" ").length);
  });

  it("gives every row a status: met, not applicable with why, or open naming its finding", () => {
    for (const row of rows)
      expect(row.status, `${row.id} (line ${row.line})`).toMatch(
        /^(met\b|not applicable — \S.{10,}|open — finding [1-6]\b|open — new\b.{10,})/,
      );
  });

  it("names, for every row, tests that exist in files that exist", () => {
    for (const row of rows) {
      const refs = references(row.evidence);
      expect(refs.length, `${row.id}: no test named`).toBeGreaterThan(0);
      for (const ref of refs) {
        expect(existsSync(ref.file), `${row.id}: ${ref.file} does not exist`).toBe(true);
        const source = readFileSync(ref.file, "utf8");
        expect(
          locate(source, ref.title),
          `${row.id}: "${ref.title}" is not a test in ${ref.file}`,
        ).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it("calls a row met only when at least one of its tests runs (is not a test.fixme)", () => {
    for (const row of rows.filter((r) => r.status.startsWith("met"))) {
      const running = references(row.evidence).filter((ref) => {
        const source = readFileSync(ref.file, "utf8");
        return !isFixme(source, locate(source, ref.title));
      });
      expect(running.length, `${row.id} is met only by test.fixme tests`).toBeGreaterThan(0);
    }
  });

  it("tells a fixme test apart from a running one (the rule above can fail)", () => {
    const source = 'test("runs", () => {});\ntest.fixme("waits for a fix", () => {});';
    expect(isFixme(source, locate(source, "runs"))).toBe(false);
    expect(isFixme(source, locate(source, "waits for a fix"))).toBe(true);
    expect(locate("test(`[MATRIX] ${key}`, () => {})", "[MATRIX] …")).toBeGreaterThan(0);
    expect(locate("test(`x`)", "[MATRIX] …")).toBe(-1);
  });
});

describe("documentation requirements", () => {
  const decision = (prefix: string) => {
    const file = readdirSync("docs/decisions").find((f) => f.startsWith(prefix));
    return readFileSync(path.join("docs/decisions", file!), "utf8").replace(/\s+/g, " ");
  };

  it("the throttling rules are documented (ASVS 6.1.1)", () => {
    const doc = decision("0005");
    for (const fact of [
      "Per account",
      "Per IP",
      "100th consecutive failure",
      "Unknown addresses are throttled",
    ])
      expect(doc).toContain(fact);
  });

  it("the session lifetimes are documented with NIST SP 800-63B (ASVS 7.1.1)", () => {
    const doc = decision("0004");
    for (const fact of ["NIST SP 800-63B", "60 minutes idle", "24 hours", "SESSION_IDLE_MINUTES"])
      expect(doc).toContain(fact);
  });

  it("the hand-over from provider to portal session is documented (ASVS 7.1.3)", () => {
    const doc = decision("0004");
    expect(doc).toContain("The portal's own database sessions are the only sessions");
    expect(doc).toContain("no second, unrevocable session ever exists");
  });

  it("the concurrent-session maximum and what happens at it are documented (ASVS 7.1.2)", () => {
    const doc = decision("0033");
    const limit = /export const MAX_ACTIVE_SESSIONS = (\d+);/.exec(
      readFileSync("lib/config/sessions.ts", "utf8"),
    );
    expect(doc).toContain(`Maximum**: ${limit?.[1]} active sessions per account`);
    for (const fact of [
      "the least recently used session ends",
      "SESSION_LIMIT",
      "auth.session_ended_at_limit",
    ])
      expect(doc).toContain(fact);
  });

  it("no code of the portal sends or receives postMessage (ASVS 3.5.5)", () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        const file = path.join(dir, entry);
        if (statSync(file).isDirectory()) walk(file);
        else if (/\.(tsx?|js)$/.test(entry)) files.push(file);
      }
    };
    for (const dir of ["app", "components", "lib/actions", "lib/auth", "lib/server", "public"]) walk(dir);
    expect(files.length).toBeGreaterThan(100);
    for (const file of files)
      expect(readFileSync(file, "utf8"), file).not.toMatch(
        /postMessage|addEventListener\(\s*["']message["']/,
      );
  });
});
