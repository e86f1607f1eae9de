/**
 * The limits the app sets on its own PostgreSQL connections (docs/decisions/0058), so that no
 * request, and no frozen or crashed instance, can hold a lock or a connection forever: the server
 * ends a transaction left idle, a statement that runs or waits for a lock too long, and notices a
 * dead peer by TCP keepalive; the pool answers with an error instead of queueing forever.
 * Each has an environment override (README, settings table). Plain module: scripts use it too.
 */
export type PostgresSettings = {
  /** Connections per app process, i.e. per worker (pg pool `max`). */
  poolSize: number;
  /** How long a request waits for a free connection before it fails (pg `connectionTimeoutMillis`). */
  poolTimeoutMs: number;
  /** PostgreSQL `statement_timeout`: one statement's longest run, lock waits included. */
  statementTimeoutMs: number;
  /** PostgreSQL `lock_timeout`: the longest wait for a row or table lock (the audit chain head). */
  lockTimeoutMs: number;
  /** PostgreSQL `idle_in_transaction_session_timeout`: a transaction idle this long is ended. */
  idleInTransactionTimeoutMs: number;
  /** TCP keepalive on every connection, first probe after this long idle. */
  keepAliveDelayMs: number;
};

const SETTINGS: Record<keyof PostgresSettings, { env: string; default: number; min: number; max: number }> = {
  poolSize: { env: "DATABASE_POOL_SIZE", default: 10, min: 1, max: 500 },
  poolTimeoutMs: { env: "DATABASE_POOL_TIMEOUT_MS", default: 5_000, min: 100, max: 600_000 },
  statementTimeoutMs: { env: "DATABASE_STATEMENT_TIMEOUT_MS", default: 30_000, min: 100, max: 3_600_000 },
  lockTimeoutMs: { env: "DATABASE_LOCK_TIMEOUT_MS", default: 10_000, min: 100, max: 3_600_000 },
  // Prisma ends an interactive transaction after 5 s on the app side; the server's limit is
  // what ends it when the app cannot (a frozen or partitioned instance still holding its locks).
  idleInTransactionTimeoutMs: {
    env: "DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS",
    default: 10_000,
    min: 100,
    max: 3_600_000,
  },
  keepAliveDelayMs: { env: "DATABASE_TCP_KEEPALIVE_MS", default: 10_000, min: 1_000, max: 3_600_000 },
};

/** The settings from the environment; an invalid value is an error naming the variable. */
export function postgresSettings(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<PostgresSettings> = {},
): PostgresSettings {
  const entries = Object.entries(SETTINGS).map(([key, spec]) => {
    const raw = env[spec.env]?.trim();
    if (raw === undefined || raw === "")
      return [key, key === "poolSize" ? defaultPoolSize(env) : spec.default];
    const value = Number(raw);
    if (!Number.isInteger(value) || value < spec.min || value > spec.max)
      throw new Error(
        `${spec.env}: must be a whole number between ${spec.min} and ${spec.max} (got "${raw}")`,
      );
    return [key, value];
  });
  return { ...(Object.fromEntries(entries) as PostgresSettings), ...overrides };
}

/**
 * `npm start` runs one worker per core (scripts/cluster.ts tells each how many in PORTAL_WORKERS;
 * docs/decisions/0075), and each worker has a pool of its own: the default of 10 connections is
 * shared out among them (at least 2 each), so that an instance still opens about 10 and instances ×
 * 10 stays under PostgreSQL's max_connections as decision 0058 planned. DATABASE_POOL_SIZE, when
 * set, is per worker.
 */
function defaultPoolSize(env: Record<string, string | undefined>): number {
  const workers = Number(env.PORTAL_WORKERS);
  const perInstance = SETTINGS.poolSize.default;
  return Number.isInteger(workers) && workers > 1
    ? Math.max(2, Math.ceil(perInstance / workers))
    : perInstance;
}

/** The pg pool configuration for these settings (passed to @prisma/adapter-pg). */
export function pgPoolConfig(connectionString: string, settings: PostgresSettings) {
  return {
    connectionString,
    max: settings.poolSize,
    connectionTimeoutMillis: settings.poolTimeoutMs,
    statement_timeout: settings.statementTimeoutMs,
    lock_timeout: settings.lockTimeoutMs,
    idle_in_transaction_session_timeout: settings.idleInTransactionTimeoutMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: settings.keepAliveDelayMs,
  };
}
