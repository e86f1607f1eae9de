import { describe, expect, it } from "vitest";
import { pgPoolConfig, postgresSettings } from "@/lib/db/postgres-settings";

describe("PostgreSQL connection settings", () => {
  it("shares the default pool of 10 among the workers of one instance, at least 2 each (0075)", () => {
    expect(postgresSettings({ PORTAL_WORKERS: "2" }).poolSize).toBe(5);
    expect(postgresSettings({ PORTAL_WORKERS: "3" }).poolSize).toBe(4);
    expect(postgresSettings({ PORTAL_WORKERS: "16" }).poolSize).toBe(2);
    expect(postgresSettings({ PORTAL_WORKERS: "1" }).poolSize).toBe(10);
    // An explicit size is per worker, whatever the number of workers.
    expect(postgresSettings({ PORTAL_WORKERS: "4", DATABASE_POOL_SIZE: "8" }).poolSize).toBe(8);
  });

  it("defaults to limits that end idle transactions and lock waits in seconds", () => {
    expect(postgresSettings({})).toEqual({
      poolSize: 10,
      poolTimeoutMs: 5_000,
      statementTimeoutMs: 30_000,
      lockTimeoutMs: 10_000,
      idleInTransactionTimeoutMs: 10_000,
      keepAliveDelayMs: 10_000,
    });
  });

  it("takes each from its environment variable and hands them to the pg pool", () => {
    const settings = postgresSettings({
      DATABASE_POOL_SIZE: "25",
      DATABASE_POOL_TIMEOUT_MS: "2000",
      DATABASE_STATEMENT_TIMEOUT_MS: "60000",
      DATABASE_LOCK_TIMEOUT_MS: "3000",
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: "15000",
      DATABASE_TCP_KEEPALIVE_MS: "5000",
    });
    expect(pgPoolConfig("postgresql://x", settings)).toEqual({
      connectionString: "postgresql://x",
      max: 25,
      connectionTimeoutMillis: 2_000,
      statement_timeout: 60_000,
      lock_timeout: 3_000,
      idle_in_transaction_session_timeout: 15_000,
      keepAlive: true,
      keepAliveInitialDelayMillis: 5_000,
    });
  });

  it.each([["0"], ["-5"], ["1.5"], ["ten"], ["99999999999"]])(
    "refuses %s, naming the variable (no timeout may be switched off or unbounded)",
    (value) => {
      expect(() => postgresSettings({ DATABASE_LOCK_TIMEOUT_MS: value })).toThrow(
        `DATABASE_LOCK_TIMEOUT_MS: must be a whole number between 100 and 3600000 (got "${value}")`,
      );
    },
  );
});
