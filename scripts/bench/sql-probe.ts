/**
 * `npx tsx scripts/bench/sql-probe.ts [--sql] [--postgres]`: the SQL statements of ONE password
 * sign-in, ONE passkey sign-in and ONE load of each account page, on a quiet production server
 * (the bench's build, seed and statement counter; issue 16). A quicker and exact companion to the
 * bench's "SQL/op" column, which averages over a load. `--sql` prints each request's statements.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { actionId, Browser, createPool } from "./browser";
import { BENCH_PASSWORD, customer } from "./customers";
import { ACCOUNT_PAGES } from "./options";
import { benchEnvironment, ensureBuild, prepareDatabase, startPortal, type Portal } from "./portal";
import { createDatabase, startBenchPostgres } from "./postgres";
import { createPasskeys } from "./scenarios/sign-in";
import { seedCustomers } from "./seed";

const showSql = process.argv.includes("--sql");
const onPostgres = process.argv.includes("--postgres");
const CUSTOMERS = 200;
const PORT = 3197;
const log = (line: string) => console.log(`[probe] ${line}`);

async function measured(portal: Portal, name: string, fn: () => Promise<void>): Promise<[string, number]> {
  await portal.statementLog(); // drop what came before
  const before = (await portal.counts()).statements;
  await fn();
  const count = (await portal.counts()).statements - before;
  const statements = await portal.statementLog();
  if (showSql) console.log(`\n--- ${name}: ${count}\n${statements.map((s) => `  ${s}`).join("\n")}`);
  return [name, count];
}

async function main(): Promise<void> {
  const workDir = mkdtempSync(path.join(tmpdir(), "portal-sql-probe-"));
  const env = { ...benchEnvironment(workDir), BENCH_SQL_LOG: "1" };
  const postgres = onPostgres ? await startBenchPostgres() : null;
  try {
    ensureBuild(env, log);
    const databaseUrl = postgres
      ? await createDatabase(postgres, "portal_probe")
      : `file:${path.join(workDir, "portal.db")}`;
    prepareDatabase(databaseUrl, env);
    const origin = `http://localhost:${PORT}`;
    const passkeys = createPasskeys([1], origin);
    const sessions = [3];
    await seedCustomers(databaseUrl, {
      from: 0,
      to: CUSTOMERS,
      sessions,
      passkeys: passkeys.map(({ index, authenticator }) => ({
        index,
        credentialId: authenticator.credentialId,
        publicKey: authenticator.publicKey,
      })),
    });
    const portal = await startPortal({
      databaseUrl,
      port: PORT,
      env,
      logFile: path.join(workDir, "server.log"),
    });
    const pool = createPool(portal.baseUrl, 1);
    const browserOf = (i: number) => {
      const browser = new Browser(pool, portal.baseUrl, customer.ip(i));
      browser.cookies.set("portal_device", customer.deviceCookie(i));
      return browser;
    };
    const rows: [string, number][] = [];
    try {
      // A warm-up of everything first: the first request of a route compiles and caches.
      for (const warm of [false, true]) {
        const signIn = actionId("signInWithPassword");
        const start = actionId("startPasskeySignInAction");
        const finish = actionId("finishPasskeySignInAction");
        const pass = browserOf(10 + Number(warm));
        const key = browserOf(1);
        const steps: [string, () => Promise<unknown>][] = [
          [
            "password sign-in (action + landing)",
            async () => {
              const out = await pass.action("/login", signIn, [
                { email: customer.email(10 + Number(warm)), password: BENCH_PASSWORD, rememberMe: false },
              ]);
              if (!out.redirect?.startsWith("/account")) throw new Error(`password: ${out.status}`);
            },
          ],
          [
            "passkey sign-in (options + finish)",
            async () => {
              const options = await key.action("/login", start, []);
              const challenge = (options.result?.data as { challenge: string }).challenge;
              const response = passkeys[0]!.authenticator.assert(challenge, {
                userHandle: customer.webauthnUserId(1),
              });
              const out = await key.action("/login", finish, [{ response }]);
              if (out.result?.ok !== true) throw new Error(`passkey: ${JSON.stringify(out.result)}`);
            },
          ],
          ...ACCOUNT_PAGES.map((page): [string, () => Promise<unknown>] => [
            page,
            async () => {
              const page_ = browserOf(3);
              page_.cookies.set("portal_session", customer.sessionToken(3));
              const reply = await page_.document(page);
              if (reply.status !== 200) throw new Error(`${page}: ${reply.status}`);
            },
          ]),
        ];
        for (const [name, fn] of steps) {
          if (warm) rows.push(await measured(portal, name, async () => void (await fn())));
          else await fn();
        }
      }
    } finally {
      await pool.close();
      await portal.stop();
    }
    console.log(`\nSQL statements per operation (${onPostgres ? "PostgreSQL" : "SQLite"}, quiet server)`);
    for (const [name, count] of rows) console.log(`  ${name.padEnd(40)} ${count}`);
  } finally {
    postgres?.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

await main();
