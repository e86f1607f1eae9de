/**
 * Which failures are "the database cannot answer right now" (lib/db/unavailable.ts, decision 0073):
 * those, and only those, become "temporarily unavailable — your input is kept" or a 503.
 */
import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";

/** Shaped like Prisma's PrismaClientKnownRequestError from a driver adapter. */
function prismaError(code: string, cause?: Record<string, unknown>, message = `prisma ${code}`) {
  return Object.assign(new Error(message), {
    name: "PrismaClientKnownRequestError",
    code,
    meta: cause ? { driverAdapterError: { name: "DriverAdapterError", cause } } : {},
  });
}

describe("isDatabaseUnavailable", () => {
  it.each([
    [
      "server unreachable (P1001, adapter DatabaseNotReachable)",
      prismaError("P1001", { kind: "DatabaseNotReachable" }),
    ],
    ["SQLITE_BUSY after the busy timeout (P1008)", prismaError("P1008", { kind: "SocketTimeout" })],
    ["connection closed by the server", prismaError("P2010", { kind: "ConnectionClosed" })],
    ["pool timeout (P2024)", prismaError("P2024")],
    ["a transaction that could not start in time (P2028)", prismaError("P2028")],
    ["too many connections", prismaError("P2010", { kind: "TooManyConnections" })],
    ["PostgreSQL admin shutdown 57P01", prismaError("P2010", { kind: "postgres", code: "57P01" })],
    ["PostgreSQL statement timeout 57014", prismaError("P2010", { kind: "postgres", code: "57014" })],
    ["PostgreSQL lock timeout 55P03", prismaError("P2010", { kind: "postgres", code: "55P03" })],
    ["PostgreSQL connection failure 08006", prismaError("P2010", { kind: "postgres", code: "08006" })],
    ["pg pool timeout (a plain Error)", new Error("timeout exceeded when trying to connect")],
    ["a raw driver error with its SQLSTATE", Object.assign(new Error("terminating"), { code: "57P01" })],
    [
      "SQLITE_BUSY in a wrapped cause",
      new Error("query failed", { cause: new Error("SQLITE_BUSY: database is locked") }),
    ],
    [
      // Seen in the scale test (npm run scale:test) right after a PostgreSQL restart: a pooled
      // client whose connection had died, as Prisma passes pg's error on (it answered 500).
      "a pooled connection that died (pg: not queryable)",
      Object.assign(new Error("Client has encountered a connection error and is not queryable"), {
        name: "PrismaClientUnknownRequestError",
        clientVersion: "6.19.3",
      }),
    ],
    [
      "the engine never connected",
      Object.assign(new Error("init"), { name: "PrismaClientInitializationError" }),
    ],
  ])("counts %s", (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["a unique violation (P2002)", prismaError("P2002", { kind: "UniqueConstraintViolation" })],
    [
      "a unique violation whose message happens to say ECONNREFUSED",
      prismaError("P2002", undefined, "ECONNREFUSED"),
    ],
    ["a missing row (P2025)", prismaError("P2025")],
    ["a foreign key violation", prismaError("P2003", { kind: "ForeignKeyConstraintViolation" })],
    [
      "a write conflict (retried elsewhere, not an outage)",
      prismaError("P2034", { kind: "TransactionWriteConflict" }),
    ],
    ["a PostgreSQL syntax error 42601", prismaError("P2010", { kind: "postgres", code: "42601" })],
    ["an ordinary bug", new TypeError("Cannot read properties of undefined")],
    ["a thrown string", "SQLITE_BUSY"],
    ["nothing", undefined],
  ])("does not count %s", (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
