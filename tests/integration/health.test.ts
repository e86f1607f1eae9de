import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { databaseKind } from "@/lib/db/database-url";
import { startPostgres } from "../support/postgres-server";

const runDatabaseUrl = process.env.DATABASE_URL!;

/** Loads the real route handler with a fresh module graph, so lib/db connects to `url`. */
async function loadHealthRoute(url: string) {
  vi.resetModules();
  process.env.DATABASE_URL = url;
  delete (globalThis as { portalDb?: unknown }).portalDb;
  return import("@/app/api/health/route");
}

afterEach(() => {
  process.env.DATABASE_URL = runDatabaseUrl;
  delete (globalThis as { portalDb?: unknown }).portalDb;
});

describe("GET /api/health", () => {
  it("answers 200 with status ok and db ok when the database answers", async () => {
    const { GET } = await loadHealthRoute(runDatabaseUrl);
    const response = await GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ status: "ok", db: "ok" });
  });

  it("answers 503 with db down when the database is unreachable", async () => {
    if (databaseKind(runDatabaseUrl) === "postgres") {
      // A server of its own that this test stops while the app is connected to it.
      const server = await startPostgres();
      const { GET } = await loadHealthRoute(server.url);
      expect((await GET()).status).toBe(200);
      server.stop();
      const response = await GET();
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: "error", db: "down" });
    } else {
      // SQLite: the database path is a folder, so the file cannot be opened.
      const dir = mkdtempSync(path.join(tmpdir(), "portal-health-"));
      mkdirSync(path.join(dir, "portal.db"));
      const { GET } = await loadHealthRoute(`file:${path.join(dir, "portal.db")}`);
      const response = await GET();
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: "error", db: "down" });
    }
  });
});
