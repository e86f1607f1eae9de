/**
 * The HTTP server behind `npm start`/`npm run dev` (spawned by scripts/start.ts with the validated
 * environment). A custom server to establish the client IP we can trust (lib/http/client-ip.ts) and to
 * send the build's static scripts as Brotli (lib/http/static-brotli.ts); everything else is Next.js's
 * own request handler.
 */
import cluster from "node:cluster";
import { createServer } from "node:http";
import path from "node:path";
import { clientIpFrom, CLIENT_IP_HEADER } from "../lib/http/client-ip";
import securityHeaders from "../lib/http/security-headers.json";
import { createStaticBrotli } from "../lib/http/static-brotli";
import { ROOT } from "./db/derive-postgres-schema";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const trustProxy = process.env.TRUST_PROXY === "1" || process.env.TRUST_PROXY === "true";

const { default: next } = await import("next");
const app = next({ dev, dir: ROOT, port });
const handle = app.getRequestHandler();
await app.prepare();
// Next compresses with gzip only; the build's scripts and styles also go out as Brotli (decision 0070).
const serveBrotli = dev
  ? async () => false
  : createStaticBrotli({ staticDir: path.join(ROOT, ".next", "static"), headers: securityHeaders });

const server = createServer((req, res) => {
  const ip = clientIpFrom({
    socketAddress: req.socket.remoteAddress,
    forwardedFor: req.headers["x-forwarded-for"],
    trustProxy,
  });
  // Always overwrite: a client must never be able to choose its own "trusted" address.
  if (ip) req.headers[CLIENT_IP_HEADER] = ip;
  else delete req.headers[CLIENT_IP_HEADER];
  void serveBrotli(req, res).then((served) => (served ? undefined : handle(req, res)));
});
server.listen(port, () => {
  // Under scripts/cluster.ts the primary says "ready" once every worker listens.
  if (!cluster.isWorker) console.log(`[portal] ready on port ${port}${dev ? " (development)" : ""}`);
});

let closing = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    // A worker gets Ctrl-C twice (from the terminal and from the primary): the second must not
    // cut the requests the first one lets finish.
    if (closing) return;
    closing = true;
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
