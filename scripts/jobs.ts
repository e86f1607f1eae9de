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
import { databaseKind } from "../lib/db/database-url";
import { scriptEnv } from "./script-env";
import { createPrismaClient } from "../lib/db/prisma-client";
import { describeJobsReport, runJobs } from "../lib/server/privacy/jobs";

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

const env = scriptEnv();

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
