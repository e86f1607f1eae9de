/**
 * A second instance of the same production build in deployment mode (an https APP_URL, explicit
 * secrets, no demo data), on the E2E database: what a customer's browser sees behind a
 * TLS-terminating load balancer. Needed for the checks that only apply there (HSTS, Secure and
 * __Host- cookies, upgrade-insecure-requests). The balancer is played by the request headers
 * X-Forwarded-Proto/-Host/-For; the instance is stateless, so sharing the database is what a
 * scale-out deployment does anyway.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { E2E_DATABASE_URL } from "../../e2e/support/users";

export const DEPLOYMENT_PORT = Number(process.env.E2E_DEPLOYMENT_PORT ?? 3131);
export const DEPLOYMENT_ORIGIN = "https://konto.kundenportal.test";

export type Deployment = {
  /** Where the test connects (plain http on loopback, as the balancer would). */
  baseUrl: string;
  /** The public origin the instance believes it serves. */
  origin: string;
  /** Headers the balancer adds to every request it forwards. */
  balancerHeaders: Record<string, string>;
};

export async function startDeploymentServer(): Promise<{
  deployment: Deployment;
  stop: () => Promise<void>;
}> {
  const baseUrl = `http://localhost:${DEPLOYMENT_PORT}`;
  const child: ChildProcess = spawn(path.join("node_modules", ".bin", "tsx"), ["scripts/server.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(DEPLOYMENT_PORT),
      APP_URL: DEPLOYMENT_ORIGIN,
      DATABASE_URL: E2E_DATABASE_URL,
      AUTH_SECRET: randomBytes(32).toString("base64"),
      DATA_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      SMTP_URL: "smtp://127.0.0.1:3125",
      MAIL_FROM: "Kundenportal <konto@kundenportal.test>",
      DEMO_DATA: "off",
      TRUST_PROXY: "1",
      // Valid check digits, not the Bundesbank test identifier (refused on a public URL).
      SEPA_CREDITOR_ID: "DE79ZZZ01234567890",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`deployment-mode server exited:\n${output}`);
    const up = await fetch(`${baseUrl}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error(`deployment-mode server did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const host = new URL(DEPLOYMENT_ORIGIN).host;
  return {
    deployment: {
      baseUrl,
      origin: DEPLOYMENT_ORIGIN,
      balancerHeaders: { "X-Forwarded-Proto": "https", "X-Forwarded-Host": host },
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
