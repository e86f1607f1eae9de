/**
 * Runs the Prisma CLI (through prisma.config.ts, which picks the schema and driver adapter by
 * DATABASE_URL's scheme) without touching the network.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { ROOT } from "./derive-postgres-schema";

export type CliResult = { status: number; stdout: string; stderr: string };

export function runPrisma(args: string[], databaseUrl: string, opts: { quiet?: boolean } = {}): CliResult {
  const bin = path.join(ROOT, "node_modules/.bin/prisma");
  const result = spawnSync(bin, args, {
    cwd: ROOT,
    encoding: "utf8",
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      CHECKPOINT_DISABLE: "1",
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
    },
    stdio: opts.quiet ? ["ignore", "pipe", "pipe"] : ["ignore", "inherit", "inherit"],
  });
  return { status: result.status ?? 1, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}
