/**
 * `npm start` (and `npm run dev` with --dev): validate the environment, create and migrate the
 * database, seed reference data (and demo data on a local URL with an empty database), build when the
 * sources changed, then serve on $PORT — one worker per core in production (WEB_CONCURRENCY,
 * scripts/cluster.ts), one process in development. Zero configuration: nothing else is needed after `npm install`.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { EnvError, loadEnv, type Env } from "../lib/env";
import { createPrismaClient } from "../lib/db/prisma-client";
import { seedDatabase } from "../prisma/seed";
import { buildFingerprint } from "./build-fingerprint";
import { startCluster, workerCount } from "./cluster";
import { ROOT } from "./db/derive-postgres-schema";
import { migrateDatabase } from "./db/migrate";

const isDev = process.argv.includes("--dev");
const log = (message: string) => console.log(`[portal] ${message}`);

function loadEnvOrExit(): { env: Env; childEnv: NodeJS.ProcessEnv } {
  // A .env file is optional; variables already in the environment win over it.
  const dotenv = path.join(ROOT, ".env");
  if (existsSync(dotenv)) process.loadEnvFile(dotenv);
  try {
    const { env, createdSecrets, secretsFile } = loadEnv(process.env);
    if (createdSecrets.length > 0 && secretsFile) {
      log(
        `Generated ${createdSecrets.join(", ")} for local use in ${path.relative(ROOT, secretsFile)} (readable only by you). A deployment sets them in the environment.`,
      );
    } else if (env.generatedSecrets.length > 0) {
      log(`Using local generated secrets (${env.generatedSecrets.join(", ")}) from .data/secrets.json.`);
    }
    const childEnv: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: isDev ? "development" : "production",
      PORT: String(env.port),
      APP_URL: env.appUrl,
      DATABASE_URL: env.databaseUrl,
      AUTH_SECRET: env.authSecret,
      DATA_ENCRYPTION_KEY: env.dataEncryptionKey.key.toString("base64"),
      TRUST_PROXY: env.trustProxy ? "1" : "0",
      NEXT_TELEMETRY_DISABLED: "1",
      CHECKPOINT_DISABLE: "1",
    };
    return { env, childEnv };
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

function buildIfStale(childEnv: NodeJS.ProcessEnv): void {
  const marker = path.join(ROOT, ".next", "portal-fingerprint");
  const fingerprint = buildFingerprint(ROOT);
  const current = existsSync(marker) ? readFileSync(marker, "utf8") : "";
  if (existsSync(path.join(ROOT, ".next", "BUILD_ID")) && current === fingerprint) return;
  log("Building the portal (first start or changed sources)…");
  const result = spawnSync(path.join(ROOT, "node_modules/.bin/next"), ["build"], {
    cwd: ROOT,
    env: childEnv,
    stdio: "inherit",
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(marker, fingerprint);
}

async function main(): Promise<void> {
  const { env, childEnv } = loadEnvOrExit();
  log(
    `Database: ${env.databaseKind === "sqlite" ? env.databaseUrl.replace(/^file:/, "SQLite ") : "PostgreSQL"}`,
  );
  migrateDatabase(env.databaseUrl);
  const db = createPrismaClient(env.databaseUrl);
  try {
    const seeded = await seedDatabase(db, { demo: env.demoData, isPublicUrl: env.isPublicUrl });
    if (seeded.demoAccountsCreated) log("Seeded demo accounts (see README: Demo accounts).");
  } catch (error) {
    console.error(`[portal] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  } finally {
    await db.$disconnect();
  }
  if (!isDev) buildIfStale(childEnv);
  // scripts/server.ts wraps Next's handler to establish a trustworthy client IP (lib/http/client-ip.ts).
  // In production one worker per core serves it (scripts/cluster.ts, docs/decisions/0075).
  const workers = isDev ? 1 : workerCountOrExit(childEnv);
  if (workers > 1) {
    log(`Serving on ${env.appUrl} with ${workers} workers`);
    startCluster({ root: ROOT, env: childEnv, workers });
    return;
  }
  const tsx = path.join(ROOT, "node_modules/.bin/tsx");
  const child = spawn(tsx, ["scripts/server.ts", ...(isDev ? ["--dev"] : [])], {
    cwd: ROOT,
    env: childEnv,
    stdio: "inherit",
  });
  log(`Serving on ${env.appUrl}`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function workerCountOrExit(childEnv: NodeJS.ProcessEnv): number {
  try {
    return workerCount(childEnv);
  } catch (error) {
    console.error(`[portal] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

await main();
