/**
 * `npm run scale:test` (docs/decisions/0076): the scale-out proof on this machine. A throwaway
 * PostgreSQL (durable, as the bench's), migrated and seeded; two app instances of the production
 * build (built first if the sources changed) and nginx in front of them on loopback, ports
 * 3140–3144; then the checks, each printing a line ("ok" or "FAIL"). Exits 1 when a check failed.
 * Its work directory (instance and nginx logs) is kept on failure and named.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { benchEnvironment, ensureBuild } from "../bench/portal";
import { createDatabase, startBenchPostgres } from "../bench/postgres";
import { PORTS, ROOT, startInstance, startNginx, type Instance, type Proxy } from "./cluster";
import { checkCutOffRetry } from "./cut-off";
import { prepareFixtures } from "./fixtures";
import { checkFrozenInstance } from "./freeze";
import { checkPostgresRestart } from "./restart";
import { checkSharedState, type CheckLine } from "./shared-state";

const started = performance.now();
const log = (line: string) => console.log(`[scale] ${line}`);
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
const results: CheckLine[] = [];
const report = (lines: CheckLine[]) => {
  for (const { ok, line } of lines) console.log(`${ok ? "  ok  " : "  FAIL"} ${line}`);
  results.push(...lines);
};

function auditVerify(env: NodeJS.ProcessEnv, databaseUrl: string): CheckLine {
  const result = spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/audit-verify.ts"], {
    cwd: ROOT,
    env: { ...env, DATABASE_URL: databaseUrl, NODE_ENV: "production" },
    encoding: "utf8",
  });
  const output = `${result.stdout}${result.stderr}`.trim().split("\n").at(-1) ?? "";
  return { ok: result.status === 0, line: `npm run audit:verify: ${output}` };
}

const workDir = mkdtempSync(path.join(tmpdir(), "portal-scale-"));
const env = benchEnvironment(workDir);
const appUrl = `http://localhost:${PORTS.rr}`;
if (ensureBuild(env, log)) log(`built the production build (${elapsed()})`);
const postgres = await startBenchPostgres();
const instances: Instance[] = [];
let proxy: Proxy | null = null;
try {
  const databaseUrl = await createDatabase(postgres, "portal_scale");
  const fixtures = await prepareFixtures(databaseUrl, env, appUrl);
  log(`PostgreSQL migrated and seeded (${elapsed()})`);
  for (const [name, port] of [
    ["a", PORTS.a],
    ["b", PORTS.b],
  ] as const)
    instances.push(await startInstance({ name, port, appUrl, databaseUrl, env, workDir }));
  proxy = startNginx(workDir);
  const [a, b] = instances as [Instance, Instance];
  log(`instances A (${a.url}) and B (${b.url}) behind nginx ${proxy.rr} (${elapsed()})`);

  log("1. shared state across the instances");
  report(await checkSharedState(proxy, fixtures.passkeys));
  log(`2. PostgreSQL restart under writes through nginx (${elapsed()})`);
  const plan = { apiKeys: fixtures.apiKeys.all, customers: fixtures.customers.all };
  report(await checkPostgresRestart({ postgres, databaseUrl, proxy, instances, plan }));
  log(`3. one instance frozen for 20 s (${elapsed()})`);
  report(
    await checkFrozenInstance({
      databaseUrl,
      frozen: a,
      healthy: b,
      plans: {
        frozen: { apiKeys: fixtures.apiKeys.a, customers: fixtures.customers.a },
        healthy: { apiKeys: fixtures.apiKeys.b, customers: fixtures.customers.b },
      },
    }),
  );
  log(`4. a write whose answer was cut off, retried (${elapsed()})`);
  report(await checkCutOffRetry({ databaseUrl, proxy, plan }));
  report([auditVerify(env, databaseUrl)]);
} catch (error) {
  report([{ ok: false, line: `aborted: ${error instanceof Error ? error.stack : String(error)}` }]);
} finally {
  proxy?.stop();
  await Promise.all(instances.map((instance) => instance.stop()));
  postgres.stop();
}
const failed = results.filter((r) => !r.ok).length;
log(`${results.length - failed}/${results.length} checks passed in ${elapsed()}`);
if (failed > 0) {
  log(`logs kept in ${workDir}`);
  process.exitCode = 1;
} else rmSync(workDir, { recursive: true, force: true });
