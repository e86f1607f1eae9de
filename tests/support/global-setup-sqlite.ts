import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { prepareDatabase } from "./prepare-database";

/** A fresh, migrated SQLite file for this run of the integration tests. */
export default async function setup(project: TestProject): Promise<() => void> {
  const dir = path.resolve("tests/.tmp", `sqlite-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const url = `file:${path.join(dir, "integration.db")}`;
  await prepareDatabase(url);
  project.provide("databaseUrl", url);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
