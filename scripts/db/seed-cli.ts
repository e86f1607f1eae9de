/** `npm run db:seed`: migrate and seed the configured database (demo accounts as in `npm start`). */
import { EnvError, loadEnv } from "../../lib/env";
import { createPrismaClient } from "../../lib/db/prisma-client";
import { seedDatabase } from "../../prisma/seed";
import { migrateDatabase } from "./migrate";

try {
  const { env } = loadEnv();
  migrateDatabase(env.databaseUrl);
  const db = createPrismaClient(env.databaseUrl);
  const result = await seedDatabase(db, { demo: env.demoData, isPublicUrl: env.isPublicUrl });
  await db.$disconnect();
  console.log(
    result.demoAccountsCreated
      ? "Seeded reference data and demo accounts."
      : "Seeded reference data (demo accounts not created: database not empty, DEMO_DATA=off or public URL).",
  );
} catch (error) {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
}
