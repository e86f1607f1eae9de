/**
 * The database URL with the embedded default. Relative SQLite paths (`file:./x.db`) are resolved
 * against the project root so that every process (app, CLI, tests) opens the same file.
 */
import path from "node:path";
import { ensurePrivateDir, ensurePrivateFile, makePrivate } from "@/lib/files/private-files";

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
  ensurePrivateDir(path.dirname(absolute));
  return `file:${absolute}`;
}

/**
 * Before SQLite opens the file: create it owner-only (SQLite would create it 644, and gives its
 * -wal and -shm files the database file's mode) and tighten what an older version left readable.
 */
export function prepareSqliteFile(url: string): void {
  if (databaseKind(url) !== "sqlite") return;
  const file = url.slice("file:".length);
  try {
    ensurePrivateDir(path.dirname(file));
    ensurePrivateFile(file);
    makePrivate(`${file}-wal`, `${file}-shm`, `${file}-journal`);
  } catch (error) {
    // A path SQLite cannot open either (a folder, no permission) is reported by the database
    // itself, e.g. as 503 from /api/health; a mode we could not set is worth a line in the log.
    console.warn(`[db] could not make ${file} owner-only: ${(error as Error).message}`);
  }
}
