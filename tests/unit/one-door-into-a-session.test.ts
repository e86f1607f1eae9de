/**
 * One door into a session (docs/decisions/0020): only the sign-in completion
 * (lib/server/identity/complete-sign-in.ts) may open a session, because only it applies account
 * status, risk, block and second-factor rules. A new way in that wrote its own Session row would
 * skip them, as social sign-in once did. This test reads the source the server runs and fails when
 * anything else creates a Session row or reaches the session writer.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const SCANNED = ["app", "lib", "scripts", "prisma", "proxy.ts"];
const SKIPPED_DIRS = new Set(["generated", "node_modules", "migrations"]);

const COMPLETION = "lib/server/identity/complete-sign-in.ts";
const SESSION_STORE = "lib/server/sessions/sessions.ts";
/**
 * Allowed to write Session rows directly: the benchmark measures the session lookup on a throwaway
 * database and never runs in the server.
 */
const ALLOWED_WRITERS = new Set([SESSION_STORE, "scripts/bench.ts"]);

function sourceFiles(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!statSync(full, { throwIfNoEntry: false })) return [];
  if (statSync(full).isFile()) return /\.(ts|tsx|mts)$/.test(entry) ? [entry] : [];
  return readdirSync(full).flatMap((name) =>
    SKIPPED_DIRS.has(name) ? [] : sourceFiles(path.posix.join(entry, name)),
  );
}

const files = SCANNED.flatMap(sourceFiles).map((file) => ({
  file,
  text: readFileSync(path.join(ROOT, file), "utf8"),
}));

// A Session row is written by the Prisma delegate (`tx.session.create`, `db.session.upsert`, …)
// or by raw SQL; `session.update` (touch, revoke) is fine: it opens nothing.
const SESSION_WRITE =
  /\.session\s*\.\s*(create|createMany|createManyAndReturn|upsert)\s*\(|insert\s+into\s+"?session"?\b/i;

describe("one door into a session", () => {
  it("scans the code the server runs", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.map((f) => f.file)).toEqual(expect.arrayContaining([COMPLETION, SESSION_STORE]));
  });

  it("writes Session rows only in the session store", () => {
    const writers = files.filter((f) => SESSION_WRITE.test(f.text)).map((f) => f.file);
    expect(writers).toContain(SESSION_STORE);
    expect(writers.filter((file) => !ALLOWED_WRITERS.has(file))).toEqual([]);
  });

  it("lets only the sign-in completion call the session store's writer", () => {
    const callers = files
      .filter((f) => f.file !== SESSION_STORE && /\bcreateSession\b/.test(f.text))
      .map((f) => f.file);
    expect(callers).toEqual([COMPLETION]);
  });

  it("keeps the completion's session writer private to it", () => {
    const completion = files.find((f) => f.file === COMPLETION)!.text;
    expect(completion).toMatch(/function recordSignIn\b/);
    expect(completion).not.toMatch(/export\s+(async\s+)?function\s+recordSignIn\b/);
    expect(completion).not.toMatch(/export\s*\{[^}]*\brecordSignIn\b/);
    const importers = files
      .filter((f) => f.file !== COMPLETION && /\brecordSignIn\b/.test(f.text))
      .map((f) => f.file);
    expect(importers).toEqual([]);
  });
});
