import "server-only";
import { createPrismaClient, type Db } from "./prisma-client";

export type { Db, Tx } from "./prisma-client";

// One client per server process; kept on globalThis so dev-mode reloads do not open new pools.
const globalForDb = globalThis as unknown as { portalDb?: Db };

export const db: Db = globalForDb.portalDb ?? createPrismaClient();
globalForDb.portalDb = db;
