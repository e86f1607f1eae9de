/**
 * The scale test's deployment on loopback: two app instances (scripts/server.ts, each its own
 * process, as `npm start` runs one) on one PostgreSQL, and nginx (the Debian package, run as this
 * user with a config and prefix of its own in the work directory) in front of them.
 *
 * nginx listens on three ports: `rr` balances round robin over both instances (what a deployment
 * does), `a` and `b` reach one instance each through the same proxy, so a check can choose which
 * instance serves a step while every request carries the same Host and Origin (the app's URL).
 * The realip module takes the simulated client's address from X-Forwarded-For (loopback is the
 * only "CDN" trusted), so each simulated client keeps its own address behind nginx.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const ROOT = process.cwd();

export type Instance = { name: "a" | "b"; url: string; pid: number; stop(): Promise<void> };
export type Proxy = { rr: string; a: string; b: string; stop(): void };

/** Ports 3140–3149 belong to this test on the shared machine (other engineers use others). */
export const PORTS = { a: 3140, b: 3141, rr: 3142, pinnedA: 3143, pinnedB: 3144 } as const;

export async function health(url: string, timeoutMs = 3_000): Promise<number> {
  try {
    const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0; // no answer at all
  }
}

async function untilHealthy(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && child.exitCode === null) {
    if ((await health(url)) === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill("SIGKILL");
  const tail = existsSync(logFile) ? readFileSync(logFile, "utf8").split("\n").slice(-30).join("\n") : "";
  throw new Error(`instance at ${url} did not become healthy; ${logFile} ends:\n${tail}`);
}

export async function startInstance(opts: {
  name: "a" | "b";
  port: number;
  appUrl: string;
  databaseUrl: string;
  env: NodeJS.ProcessEnv;
  workDir: string;
}): Promise<Instance> {
  const url = `http://127.0.0.1:${opts.port}`;
  if ((await health(url, 1_000)) !== 0) throw new Error(`port ${opts.port} is in use`);
  const logFile = path.join(opts.workDir, `instance-${opts.name}.log`);
  const log = openSync(logFile, "a");
  // node itself (not the tsx wrapper) so the pid is the server's: SIGSTOP must freeze the server.
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/server.ts"], {
    cwd: ROOT,
    env: {
      ...opts.env,
      NODE_ENV: "production",
      PORT: String(opts.port),
      APP_URL: opts.appUrl,
      DATABASE_URL: opts.databaseUrl,
    },
    stdio: ["ignore", log, log],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await untilHealthy(url, child, logFile);
  return {
    name: opts.name,
    url,
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGCONT"); // a frozen process cannot handle SIGINT
      child.kill("SIGINT");
      const timer = setTimeout(() => child.kill("SIGKILL"), 8_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function nginxConfig(workDir: string, appHost: string): string {
  const server = (port: number, upstream: string) => `
    server {
      listen 127.0.0.1:${port};
      set_real_ip_from 127.0.0.1;
      real_ip_header X-Forwarded-For;
      location / {
        proxy_pass http://${upstream};
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_set_header Host ${appHost};
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_read_timeout 60s;
        add_header X-Scale-Upstream $upstream_addr always;
      }
    }`;
  return `worker_processes 1;
pid ${workDir}/nginx.pid;
error_log ${workDir}/nginx-error.log warn;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${workDir}/nginx-body;
  proxy_temp_path ${workDir}/nginx-proxy;
  fastcgi_temp_path ${workDir}/nginx-fastcgi;
  uwsgi_temp_path ${workDir}/nginx-uwsgi;
  scgi_temp_path ${workDir}/nginx-scgi;
  upstream portal { server 127.0.0.1:${PORTS.a}; server 127.0.0.1:${PORTS.b}; keepalive 32; }
  upstream portal_a { server 127.0.0.1:${PORTS.a}; keepalive 16; }
  upstream portal_b { server 127.0.0.1:${PORTS.b}; keepalive 16; }
  ${server(PORTS.rr, "portal")}
  ${server(PORTS.pinnedA, "portal_a")}
  ${server(PORTS.pinnedB, "portal_b")}
}
`;
}

export function startNginx(workDir: string): Proxy {
  const dir = path.join(workDir, "nginx");
  mkdirSync(dir, { recursive: true });
  const conf = path.join(dir, "nginx.conf");
  writeFileSync(conf, nginxConfig(dir, `localhost:${PORTS.rr}`));
  const nginx = (...args: string[]) =>
    spawnSync("/usr/sbin/nginx", ["-p", dir, "-c", conf, ...args], { encoding: "utf8" });
  const started = nginx();
  if (started.status !== 0) throw new Error(`nginx did not start: ${started.stderr}`);
  const local = (port: number) => `http://localhost:${port}`;
  return {
    rr: local(PORTS.rr),
    a: local(PORTS.pinnedA),
    b: local(PORTS.pinnedB),
    stop() {
      nginx("-s", "stop");
    },
  };
}
