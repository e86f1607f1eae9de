import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrateDatabase } from "../../scripts/db/migrate";

/** A fresh, migrated SQLite file for this run of the integration tests. */
export default function setup(project: TestProject): () => void {
  const dir = path.resolve("tests/.tmp", `sqlite-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const url = `file:${path.join(dir, "integration.db")}`;
  migrateDatabase(url);
  project.provide("databaseUrl", url);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
