/**
 * The database URL with the embedded default. Relative SQLite paths (`file:./x.db`) are resolved
 * against the project root so that every process (app, CLI, tests) opens the same file.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";

export const DEFAULT_DATABASE_URL = "file:./.data/portal.db";

export type DatabaseKind = "sqlite" | "postgres";

export function databaseKind(url: string): DatabaseKind {
  if (/^postgres(ql)?:\/\//.test(url)) return "postgres";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL)`);
}

export function resolveDatabaseUrl(raw: string | undefined, root: string = process.cwd()): string {
  const url = raw && raw.trim() !== "" ? raw.trim() : DEFAULT_DATABASE_URL;
  if (databaseKind(url) === "postgres") return url;
  const file = url.slice("file:".length);
  const absolute = path.isAbsolute(file) ? file : path.resolve(root, file);
  mkdirSync(path.dirname(absolute), { recursive: true });
  return `file:${absolute}`;
}
