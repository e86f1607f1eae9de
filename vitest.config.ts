import path from "node:path";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";
import { findPostgresBinDir } from "./tests/support/postgres-server.ts";

const integration = (name: string, globalSetup: string): TestProjectInlineConfiguration => ({
  extends: true,
  test: {
    name,
    include: ["tests/integration/**/*.test.ts"],
    globalSetup: [globalSetup],
    setupFiles: ["tests/support/setup-database-env.ts"],
    // Fixed test secrets so no test writes .data/secrets.json; mails go to a throwaway outbox.
    env: {
      AUTH_SECRET: "vitest-only-secret-0123456789abcdefghijklmnop",
      DATA_ENCRYPTION_KEY: "dml0ZXN0LW9ubHkta2V5LTAxMjM0NTY3ODlhYmNkZWY=",
      MAIL_OUTBOX_DIR: "tests/.tmp/outbox",
    },
    // One database per run: test files share it, so they run one after another.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

const projects: TestProjectInlineConfiguration[] = [
  { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts", "lib/**/*.test.ts"] } },
  integration("integration-sqlite", "tests/support/global-setup-sqlite.ts"),
];
if (findPostgresBinDir())
  projects.push(integration("integration-postgres", "tests/support/global-setup-postgres.ts"));
else
  console.warn("[vitest] PostgreSQL server binaries not found: the integration-postgres project is skipped");

export default defineConfig({
  resolve: {
    alias: {
      "server-only": path.resolve("tests/support/empty-module.ts"),
      "@": path.resolve("."),
    },
  },
  test: {
    environment: "node",
    projects,
  },
});
