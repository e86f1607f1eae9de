/**
 * `npm run jobs`: the periodic work of the portal, meant for cron or a scheduler (e.g. hourly):
 * erases accounts whose deletion grace period is over, wipes expired data exports and prunes
 * expired tokens, WebAuthn challenges, rate-limit buckets and webhook deliveries delivered longer
 * ago than their retention (lib/server/privacy/jobs.ts).
 *
 *   npm run jobs                                  as of now
 *   npm run jobs -- --now=2030-01-01T00:00:00Z    as of another time (tests, catching up)
 *
 * Runs with `--conditions=react-server` (see package.json) because it uses the app's server modules.
 * Exits 1 when a job fails; prints what it did.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { databaseKind } from "../lib/db/database-url";
import { EnvError, getEnv } from "../lib/env";
import { createPrismaClient } from "../lib/db/prisma-client";
import { describeJobsReport, runJobs } from "../lib/server/privacy/jobs";

// Same rule as `npm start`: a .env file is optional and the real environment wins over it.
const dotenv = path.resolve(".env");
if (existsSync(dotenv)) process.loadEnvFile(dotenv);

function parseNow(args: string[]): Date {
  const arg = args.find((a) => a.startsWith("--now="));
  if (!arg) return new Date();
  const value = new Date(arg.slice("--now=".length));
  if (Number.isNaN(value.getTime())) {
    console.error(`--now must be an ISO date-time such as 2030-01-01T00:00:00Z, got "${arg.slice(6)}"`);
    process.exit(2);
  }
  return value;
}

let env;
try {
  env = getEnv();
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const now = parseNow(process.argv.slice(2));
const db = createPrismaClient(env.databaseUrl);
try {
  console.log(`jobs as of ${now.toISOString()} (${databaseKind(env.databaseUrl)})`);
  const report = await runJobs({ now }, { tx: db });
  for (const line of describeJobsReport(report)) console.log(line);
} catch (error) {
  console.error(`jobs failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
