/**
 * The SMTP server for end-to-end tests, run as its own process (`tsx tests/e2e/servers/smtp-sink-server.ts`,
 * e.g. as a Playwright webServer) so the app under test delivers real SMTP to it. Specs read the
 * mails through a small HTTP API (tests/e2e/support/mailbox.ts), on 127.0.0.1 only:
 *   GET    /health               200 when both servers listen
 *   GET    /messages?to=<addr>   received mails as JSON, oldest first (all when `to` is absent)
 *   DELETE /messages             forgets every mail
 * Ports: E2E_SMTP_PORT (SMTP, default 3125) and E2E_SMTP_HTTP_PORT (HTTP, default 3126).
 */
import { createServer, type ServerResponse } from "node:http";
import { startSmtpSink } from "../../support/smtp-sink";

const smtpPort = Number(process.env.E2E_SMTP_PORT ?? 3125);
const httpPort = Number(process.env.E2E_SMTP_HTTP_PORT ?? 3126);

const sink = await startSmtpSink({ port: smtpPort });

function send(res: ServerResponse, status: number, body?: unknown): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

const http = createServer((req, res) => {
  const url = new URL(req.url ?? "/", `http://127.0.0.1:${httpPort}`);
  if (req.method === "GET" && url.pathname === "/health") return send(res, 200, { status: "ok" });
  if (url.pathname === "/messages") {
    if (req.method === "GET") {
      const to = url.searchParams.get("to")?.toLowerCase();
      const mails = sink.messages().filter((m) => !to || m.to.some((r) => r.toLowerCase() === to));
      return send(res, 200, mails);
    }
    if (req.method === "DELETE") {
      sink.clear();
      return send(res, 204);
    }
    return send(res, 405, { error: "method not allowed" });
  }
  return send(res, 404, { error: "not found" });
});

await new Promise<void>((resolve, reject) => {
  http.once("error", reject);
  http.listen(httpPort, "127.0.0.1", () => resolve());
});
console.log(`[smtp-sink] SMTP on ${sink.url}, mailbox API on http://127.0.0.1:${httpPort}`);

// Playwright stops its web servers with SIGTERM (SIGINT on Ctrl-C): close both ports cleanly.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    http.close();
    void sink.stop().then(() => process.exit(0));
  });
}
