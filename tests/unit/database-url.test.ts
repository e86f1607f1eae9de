import path from "node:path";
import { describe, expect, it } from "vitest";
import { databaseKind, resolveDatabaseUrl } from "@/lib/db/database-url";
import { derivePostgresSchema } from "../../scripts/db/derive-postgres-schema";

describe("resolveDatabaseUrl", () => {
  it("defaults to the embedded SQLite file under .data", () => {
    expect(resolveDatabaseUrl(undefined, "/tmp/portal-root")).toBe(
      `file:${path.join("/tmp/portal-root", ".data/portal.db")}`,
    );
  });
  it("resolves relative SQLite paths against the project root and keeps PostgreSQL URLs", () => {
    expect(resolveDatabaseUrl("file:./x/y.db", "/tmp/portal-root")).toBe("file:/tmp/portal-root/x/y.db");
    expect(resolveDatabaseUrl("postgresql://u:p@db:5432/portal")).toBe("postgresql://u:p@db:5432/portal");
  });
  it("tells the database kind by scheme and rejects others", () => {
    expect(databaseKind("file:/a.db")).toBe("sqlite");
    expect(databaseKind("postgres://h/db")).toBe("postgres");
    expect(() => databaseKind("mysql://h/db")).toThrow(/DATABASE_URL/);
  });
});

describe("derivePostgresSchema", () => {
  const source = `generator client {\n  provider   = "prisma-client"\n  output     = "../lib/generated/prisma-sqlite"\n}\n\ndatasource db {\n  provider = "sqlite"\n  url      = env("DATABASE_URL")\n}\n\nmodel A {\n  id String @id\n}\n`;
  it("swaps only the provider and the client folder", () => {
    const derived = derivePostgresSchema(source);
    expect(derived).toContain('provider = "postgresql"');
    expect(derived).toContain('output     = "../../lib/generated/prisma-postgres"');
    expect(derived).not.toContain("sqlite");
    expect(derived).toContain("model A {\n  id String @id\n}");
    expect(derived.startsWith("// GENERATED")).toBe(true);
  });
  it("fails loudly when the source no longer has the expected header", () => {
    expect(() => derivePostgresSchema(source.replace('"sqlite"', '"mysql"'))).toThrow(/provider = "sqlite"/);
  });
});
