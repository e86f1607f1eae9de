import { inject } from "vitest";

// Runs before each integration test file imports the app code, so lib/db opens this run's database.
process.env.DATABASE_URL = inject("databaseUrl");
