/**
 * Fails when the committed migrations do not produce the schema (for either database) or when the
 * derived PostgreSQL schema is stale: a change to prisma/schema.prisma without its migrations.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startPostgres } from "../../tests/support/postgres-server";
import { derivePostgresSchema, POSTGRES_SCHEMA, ROOT, SQLITE_SCHEMA } from "./derive-postgres-schema";
import { runPrisma } from "./prisma-cli";

let failed = false;
if (readFileSync(POSTGRES_SCHEMA, "utf8") !== derivePostgresSchema(readFileSync(SQLITE_SCHEMA, "utf8"))) {
  console.error("prisma/postgresql/schema.prisma is stale: run `npm run db:new-migration -- <name>`");
  failed = true;
}

function checkDrift(kind: string, url: string, schema: string, dir: string): void {
  const args = ["migrate", "diff", "--from-migrations", dir, "--to-schema-datamodel", schema, "--exit-code"];
  let result = runPrisma(args, url, { quiet: true });
  // --exit-code: 0 no difference, 2 a difference, anything else an error running the diff. The CLI
  // crashes now and then when it drops its temporary shadow database under an idle pooled connection
  // ("terminating connection due to administrator command"), twice in a row on a loaded machine, so
  // an error is retried up to three times and reported with its output.
  for (let attempt = 1; attempt <= 3 && result.status !== 0 && result.status !== 2; attempt++) {
    console.warn(
      `${kind}: the diff did not run (status ${result.status}), retrying:\n${result.stdout}${result.stderr}`,
    );
    result = runPrisma(args, url, { quiet: true });
  }
  if (result.status === 0) console.log(`${kind}: migrations match the schema`);
  else {
    console.error(
      `${kind}: migrations do not match the schema (status ${result.status}):\n${result.stdout}${result.stderr}`,
    );
    failed = true;
  }
}

const tmp = mkdtempSync(path.join(tmpdir(), "portal-check-"));
const pg = await startPostgres();
try {
  checkDrift(
    "sqlite",
    `file:${path.join(tmp, "check.db")}`,
    SQLITE_SCHEMA,
    path.join(ROOT, "prisma/migrations"),
  );
  checkDrift("postgresql", pg.url, POSTGRES_SCHEMA, path.join(ROOT, "prisma/postgresql/migrations"));
} finally {
  pg.stop();
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
