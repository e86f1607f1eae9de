import type { TestProject } from "vitest/node";
import { startPostgres } from "./postgres-server";
import { prepareDatabase } from "./prepare-database";

/** A throwaway PostgreSQL server, migrated, for this run; stopped and removed afterwards. */
export default async function setup(project: TestProject): Promise<() => void> {
  const server = await startPostgres();
  try {
    await prepareDatabase(server.url);
  } catch (error) {
    server.stop();
    throw error;
  }
  project.provide("databaseUrl", server.url);
  project.provide("postgresPort", server.port);
  return () => server.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    postgresPort: number;
  }
}
