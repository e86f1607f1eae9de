import { createPrismaClient } from "../../lib/db/prisma-client";
import { seedDatabase } from "../../prisma/seed";
import { migrateDatabase } from "../../scripts/db/migrate";

/** Migrates a test database and seeds reference data (no demo accounts), as `npm start` would. */
export async function prepareDatabase(url: string): Promise<void> {
  migrateDatabase(url);
  const db = createPrismaClient(url);
  try {
    await seedDatabase(db, { demo: "off", isPublicUrl: false });
  } finally {
    await db.$disconnect();
  }
}
