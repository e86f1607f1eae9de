/**
 * lib/http/static-brotli.ts on a real HTTP server over a temporary build folder: a known script goes
 * out as Brotli that decodes to the file; everything else (unknown file, a path out of the folder,
 * no `br` accepted, another method) is left to the next handler, here a 404 marker.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliDecompressSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptsBrotli, createStaticBrotli } from "@/lib/http/static-brotli";

const SCRIPT = `console.log(${JSON.stringify("Anmelden ".repeat(500))});`;
let dir: string;
let server: Server;
let port: number;

type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

function get(pathname: string, headers: Record<string, string>, method = "GET"): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: pathname, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "static-brotli-"));
  mkdirSync(path.join(dir, "static", "chunks"), { recursive: true });
  writeFileSync(path.join(dir, "static", "chunks", "app-1a2b.js"), SCRIPT);
  writeFileSync(path.join(dir, "static", "chunks", "notes.txt"), "not a script");
  writeFileSync(path.join(dir, "secret.js"), "outside the static folder");
  const serve = createStaticBrotli({
    staticDir: path.join(dir, "static"),
    headers: [{ key: "X-Content-Type-Options", value: "nosniff" }],
  });
  server = createServer((req, res) => {
    void serve(req, res).then((served) => {
      if (served) return;
      res.statusCode = 404;
      res.end("next");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe("Brotli for the build's static files", () => {
  it("sends a known script as Brotli with the shared headers, decoding to the file", async () => {
    const reply = await get("/_next/static/chunks/app-1a2b.js?dpl=x", {
      "accept-encoding": "gzip, deflate, br",
    });
    expect(reply.status).toBe(200);
    expect(reply.headers["content-encoding"]).toBe("br");
    expect(reply.headers["content-type"]).toBe("application/javascript; charset=UTF-8");
    expect(reply.headers["x-content-type-options"]).toBe("nosniff");
    expect(reply.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(reply.headers.vary).toBe("Accept-Encoding");
    expect(brotliDecompressSync(reply.body).toString()).toBe(SCRIPT);
    expect(reply.body.length).toBeLessThan(SCRIPT.length / 10);
  });

  it("answers HEAD with the headers and no body", async () => {
    const reply = await get("/_next/static/chunks/app-1a2b.js", { "accept-encoding": "br" }, "HEAD");
    expect(reply.status).toBe(200);
    expect(Number(reply.headers["content-length"])).toBeGreaterThan(0);
    expect(reply.body.length).toBe(0);
  });

  it.each([
    ["no br accepted", "/_next/static/chunks/app-1a2b.js", "gzip"],
    ["br refused with q=0", "/_next/static/chunks/app-1a2b.js", "gzip, br;q=0"],
    ["an unknown file", "/_next/static/chunks/other.js", "br"],
    ["a file type it does not serve", "/_next/static/chunks/notes.txt", "br"],
    ["[ATTACKER] a path out of the folder", "/_next/static/../secret.js", "br"],
    ["[ATTACKER] an encoded path out of the folder", "/_next/static/%2e%2e/secret.js", "br"],
    ["[ATTACKER] a malformed escape", "/_next/static/%E0%A4%A", "br"],
    ["another prefix", "/static/chunks/app-1a2b.js", "br"],
  ])("leaves %s to the next handler", async (_case, pathname, acceptEncoding) => {
    const reply = await get(pathname, { "accept-encoding": acceptEncoding });
    expect(reply.status).toBe(404);
    expect(reply.body.toString()).toBe("next");
  });

  it("leaves other methods to the next handler", async () => {
    const reply = await get("/_next/static/chunks/app-1a2b.js", { "accept-encoding": "br" }, "POST");
    expect(reply.body.toString()).toBe("next");
  });

  it.each([
    ["br", true],
    ["gzip, deflate, br, zstd", true],
    ["BR;q=0.5", true],
    ["br;q=0", false],
    ["gzip", false],
    ["", false],
    ["brotli", false],
  ])("reads Accept-Encoding %j as br=%s", (value, expected) => {
    expect(acceptsBrotli(value)).toBe(expected);
  });
});
