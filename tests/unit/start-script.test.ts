import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

function start(env: Record<string, string>) {
  const result = spawnSync("node_modules/.bin/tsx", ["scripts/start.ts"], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "test", ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { status: result.status, stderr: result.stderr };
}

// Each case starts tsx in a child process (a few seconds on a busy machine): the spawn's own
// 30 s timeout is the bound, not vitest's 5 s default.
describe("npm start with invalid configuration", { timeout: 35_000 }, () => {
  it("exits 1 and names each invalid variable with the reason", () => {
    const { status, stderr } = start({ PORT: "abc", DEMO_DATA: "sometimes" });
    expect(status).toBe(1);
    expect(stderr).toContain("Invalid configuration");
    expect(stderr).toMatch(/PORT: must be a whole number between 1 and 65535 \(got "abc"\)/);
    expect(stderr).toMatch(/DEMO_DATA: must be auto, on or off/);
  });

  it("refuses a public URL without explicit secrets", () => {
    const { status, stderr } = start({ APP_URL: "https://konto.example.de" });
    expect(status).toBe(1);
    expect(stderr).toMatch(/AUTH_SECRET: must be set explicitly for the public URL/);
    expect(stderr).toMatch(/DATA_ENCRYPTION_KEY: must be set explicitly/);
  });
});
