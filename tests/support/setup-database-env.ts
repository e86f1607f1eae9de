import { inject } from "vitest";

// Runs before each integration test file imports the app code, so lib/db.ts opens this run's database.
process.env.DATABASE_URL = inject("databaseUrl");
