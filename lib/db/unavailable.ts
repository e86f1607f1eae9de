/**
 * Tells "the database cannot answer right now" apart from every other failure (docs/decisions/0073).
 * Only these become "temporarily unavailable — your input is kept" (an action's failure code) or a
 * 503 with Retry-After (a route handler): the same request, sent again in a moment, may well
 * succeed. A refusal by the data (a unique or foreign key violation, a missing row) or a bug is
 * not unavailability: retrying it unchanged would fail the same way, so it stays what it is.
 *
 * Not `server-only`: a pure function of the error, unit-tested without a server.
 */

/** Prisma's own codes for a server it cannot reach, a timeout, or a pool with no free connection. */
const PRISMA_CODES = new Set([
  "P1001", // can't reach database server
  "P1002", // reached, but timed out
  "P1008", // operations timed out; the libsql adapter's SQLITE_BUSY after the busy timeout
  "P1017", // server closed the connection
  "P2024", // timed out fetching a connection from the pool
  // A transaction that could not start in time (another process holds SQLite's write lock,
  // decision 0075) or that ran past its timeout and was rolled back: nothing was written.
  "P2028",
]);

/** What the driver adapters (@prisma/adapter-pg, -libsql) call a connection that is not there. */
const ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
]);

/**
 * PostgreSQL SQLSTATEs: connection exceptions (class 08), the server shutting down or starting
 * (57P01–57P05), a statement or lock wait the app's limits ended (57014, 55P03; decision 0058),
 * too many connections (53300).
 */
const POSTGRES_STATES = /^(08...|57P0[1-5]|57014|55P03|53300)$/;

/**
 * SQLite's "another connection holds the lock", as its code or message reads. One pattern for the
 * lock wait (libsql-one-connection.ts), the retry (db-retry.ts) and the classification here.
 */
export const SQLITE_BUSY = /SQLITE_BUSY|database is locked/i;

/** The same conditions where only the message carries them (a pool timeout is a plain Error). */
const MESSAGES = [
  SQLITE_BUSY,
  /can't reach database server|ECONNREFUSED|ECONNRESET|ETIMEDOUT/i,
  /timeout exceeded when trying to connect|connection terminated/i,
  // pg's answer for a pooled client whose connection died (a restart): seen by npm run scale:test.
  /client has encountered a connection error and is not queryable/i,
  /terminating connection due to administrator command|the database system is (shutting down|starting up)/i,
  /canceling statement due to (statement|lock) timeout/i,
];

type ErrorLike = {
  code?: unknown;
  message?: unknown;
  meta?: { driverAdapterError?: { cause?: { kind?: unknown; code?: unknown } } };
  cause?: unknown;
  name?: unknown;
};

function classify(error: ErrorLike, depth: number): boolean {
  const code = typeof error.code === "string" ? error.code : undefined;
  if (code && (PRISMA_CODES.has(code) || POSTGRES_STATES.test(code))) return true;
  // Any other Prisma code (a unique violation, a missing row) is the data's answer, whatever its
  // message quotes; only the driver's own account of the connection may still overrule it.
  const otherPrismaCode = code !== undefined && /^P\d{4}$/.test(code);
  // Prisma could not even start the engine's connection (it names no code then).
  if (error.name === "PrismaClientInitializationError") return true;
  const adapter = error.meta?.driverAdapterError?.cause;
  if (adapter) {
    if (typeof adapter.kind === "string" && ADAPTER_KINDS.has(adapter.kind)) return true;
    if (adapter.kind === "postgres" && typeof adapter.code === "string")
      return POSTGRES_STATES.test(adapter.code);
  }
  if (otherPrismaCode) return false;
  const message = typeof error.message === "string" ? error.message : "";
  if (MESSAGES.some((pattern) => pattern.test(message))) return true;
  const cause = error.cause;
  return depth < 3 && typeof cause === "object" && cause !== null && classify(cause as ErrorLike, depth + 1);
}

/** True when the error says the database is unreachable, shutting down, or timed out. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  return classify(error as ErrorLike, 0);
}

/** Seconds a client should wait before sending the same request again (Retry-After). */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;
