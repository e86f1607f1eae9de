/**
 * scripts/cluster.ts with real processes (docs/decisions/0075), a stub in place of the portal
 * (tests/support/cluster-stub-worker.ts): two workers share the port and the primary says "ready"
 * once; a worker killed with SIGKILL is replaced after the back-off; SIGTERM stops every worker
 * gracefully and the primary exits 0.
 */
import { spawn } from "node:child_process";
import { get } from "node:http";
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  ms = 20_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The answering worker's pid, over a new connection each time (no keep-alive): the primary hands
 * connections out in turn. */
function pidAt(port: number): Promise<number> {
  return new Promise<number>((resolve, reject) =>
    get({ host: "127.0.0.1", port, agent: false }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve(Number(body)));
    })
      // A connection the primary accepted just as its only worker died is never answered.
      .setTimeout(2_000, function (this: ReturnType<typeof get>) {
        this.destroy(new Error("no answer"));
      })
      .on("error", reject),
  );
}

function startPrimary(port: number, workers: number) {
  const primary = spawn(process.execPath, ["--import", "tsx", "tests/support/cluster-primary.ts"], {
    env: { ...process.env, PORT: String(port), STUB_WORKERS: String(workers) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const state = { output: "" };
  primary.stdout.on("data", (chunk: Buffer) => (state.output += chunk.toString()));
  primary.stderr.on("data", (chunk: Buffer) => (state.output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => primary.once("exit", (code) => resolve(code)));
  return { primary, state, exited };
}

describe("the cluster primary", () => {
  it("restarts its only worker instead of exiting with it", { timeout: 60_000 }, async () => {
    const port = await freePort();
    const { primary, state, exited } = startPrimary(port, 1);
    try {
      await until("ready", () =>
        state.output.includes(`ready on port ${port} (1 workers)`) ? true : undefined,
      );
      const pid = await pidAt(port);
      process.kill(pid, "SIGKILL");
      const replacement = await until("a new worker answering", async () => {
        const answer = await pidAt(port).catch(() => undefined);
        return answer && answer !== pid ? answer : undefined;
      });
      expect(replacement).not.toBe(pid);
      expect(primary.exitCode).toBeNull();
      primary.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      if (primary.exitCode === null) primary.kill("SIGKILL");
    }
  });

  it(
    "serves from two workers, replaces a killed one, and stops all on SIGTERM",
    { timeout: 60_000 },
    async () => {
      const port = await freePort();
      const primary = spawn(process.execPath, ["--import", "tsx", "tests/support/cluster-primary.ts"], {
        env: { ...process.env, PORT: String(port) },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      primary.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
      primary.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => primary.once("exit", (code) => resolve(code)));
      try {
        await until("ready", () => (output.includes(`ready on port ${port} (2 workers)`) ? true : undefined));
        const pidOf = () => pidAt(port);
        const first = new Set<number>();
        await until("both workers answering", async () => {
          first.add(await pidOf());
          return first.size === 2 ? true : undefined;
        });

        const [victim] = [...first];
        process.kill(victim!, "SIGKILL");
        await until("the restart notice", () =>
          output.includes(`worker ${victim} exited (SIGKILL); restarting in 500 ms`) ? true : undefined,
        );
        const replacement = await until("a new worker answering", async () => {
          const pid = await pidOf();
          return first.has(pid) ? undefined : pid;
        });
        expect(replacement).not.toBe(victim);
        expect(output.match(/ready on port/g)).toHaveLength(1);

        primary.kill("SIGTERM");
        expect(await exited).toBe(0);
        const stopped = [...output.matchAll(/stopping (\d+)/g)].map((m) => Number(m[1]));
        expect(stopped.sort()).toEqual(
          [...first]
            .filter((pid) => pid !== victim)
            .concat(replacement)
            .sort(),
        );
      } finally {
        if (primary.exitCode === null) primary.kill("SIGKILL");
      }
    },
  );
});
