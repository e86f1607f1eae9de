/**
 * Brotli for the build's scripts and styles (issue 16, docs/decisions/0070). Next's own server
 * compresses with gzip only; Brotli at quality 11 makes the same first-load JavaScript about 14 %
 * smaller. Files under `/_next/static/` are content-hashed and never change for a build, so each is
 * compressed once (on libuv's thread pool, not the request thread) and kept in memory — the whole
 * folder is about 2 MB raw.
 *
 * Only files the build wrote are served: the list is read once at start, and a request path is
 * looked up in it as a string (no path joining of request input, so no traversal). Anything else —
 * another method, no `br` in Accept-Encoding, an unknown file, a compression error — is left to Next.
 */
import { readdirSync, readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants } from "node:zlib";

const compress = promisify(brotliCompress);
const PREFIX = "/_next/static/";
const TYPES: Record<string, string> = {
  ".js": "application/javascript; charset=UTF-8",
  ".css": "text/css; charset=UTF-8",
};

export type Header = { key: string; value: string };

/** True when the client accepts `br` (a `q=0` refuses it, RFC 9110 §12.5.3). */
export function acceptsBrotli(acceptEncoding: string | string[] | undefined): boolean {
  const value = Array.isArray(acceptEncoding) ? acceptEncoding.join(",") : (acceptEncoding ?? "");
  return value.split(",").some((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (name?.trim() !== "br") return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

function listFiles(dir: string, base = ""): string[] {
  let entries;
  try {
    entries = readdirSync(path.join(dir, base), { withFileTypes: true });
  } catch {
    return []; // no build yet (development): nothing to serve
  }
  return entries.flatMap((entry) => {
    const rel = base ? `${base}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return listFiles(dir, rel);
    return TYPES[path.extname(entry.name)] ? [rel] : [];
  });
}

/**
 * Returns a handler that answers a request for a known static script or style with Brotli and
 * reports true, or reports false (the caller hands the request to Next). `headers` are the
 * headers next.config.js sets on every path (lib/http/security-headers.json), so a Brotli answer carries the same ones.
 */
export function createStaticBrotli(options: { staticDir: string; headers: readonly Header[] }) {
  const files = new Set(listFiles(options.staticDir));
  const cache = new Map<string, Promise<Buffer>>();

  function compressed(rel: string): Promise<Buffer> {
    let body = cache.get(rel);
    if (!body) {
      const source = readFileSync(path.join(options.staticDir, rel));
      body = compress(source, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 11,
          [constants.BROTLI_PARAM_SIZE_HINT]: source.length,
        },
      });
      // A failed compression is not remembered: the next request tries again (and Next answers this one).
      body.catch(() => cache.delete(rel));
      cache.set(rel, body);
    }
    return body;
  }

  function match(req: IncomingMessage): string | null {
    if (req.method !== "GET" && req.method !== "HEAD") return null;
    const url = req.url ?? "";
    if (!url.startsWith(PREFIX)) return null;
    const pathname = url.slice(PREFIX.length).split(/[?#]/, 1)[0] ?? "";
    let rel: string;
    try {
      rel = decodeURIComponent(pathname);
    } catch {
      return null;
    }
    if (!files.has(rel) || !acceptsBrotli(req.headers["accept-encoding"])) return null;
    return rel;
  }

  return async function serve(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const rel = match(req);
    if (!rel) return false;
    let body: Buffer;
    try {
      body = await compressed(rel);
    } catch {
      return false;
    }
    for (const { key, value } of options.headers) res.setHeader(key, value);
    res.setHeader("Content-Type", TYPES[path.extname(rel)] ?? "application/octet-stream");
    res.setHeader("Content-Encoding", "br");
    res.setHeader("Content-Length", body.length);
    res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
    res.setHeader("Vary", "Accept-Encoding");
    res.statusCode = 200;
    res.end(req.method === "HEAD" ? undefined : body);
    return true;
  };
}
