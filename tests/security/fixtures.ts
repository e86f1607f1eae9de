/**
 * The attack suite's test object: Playwright's, plus a worker-scoped deployment-mode instance
 * started only by the specs that ask for it (support/deployment-server.ts). Browser cases import
 * tests/e2e/fixtures.ts instead, so the portal's pages they open are audited like every E2E page.
 */
import { test as base, expect } from "@playwright/test";
import { startDeploymentServer, type Deployment } from "./support/deployment-server";

export const test = base.extend<object, { deployment: Deployment }>({
  deployment: [
    async ({}, provide) => {
      const { deployment, stop } = await startDeploymentServer();
      await provide(deployment);
      await stop();
    },
    { scope: "worker", timeout: 90_000 },
  ],
});

export { expect };
