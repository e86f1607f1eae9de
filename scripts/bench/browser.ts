/**
 * One simulated browser of the load: its own cookies and client address, the headers Chromium
 * sends (compressed responses included), and server actions called the way Next.js's client calls
 * them (`Next-Action` with the id from the build's manifest, JSON arguments; see
 * docs/decisions/0026). Connections come from a shared keep-alive pool (undici), so the load
 * generator stays cheap next to the server on the same two cores.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import { Pool } from "undici";
import { BENCH_USER_AGENT } from "./customers";

export type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

export type ActionOutcome = {
  status: number;
  /** x-action-redirect without its ";push"/";replace" suffix. */
  redirect: string | null;
  /** The action's own return value (an ActionResult), when it returned one. */
  result: { ok: boolean; code?: string; data?: unknown; formError?: string } | null;
  bytes: number;
};

type Manifest = { node: Record<string, { exportedName?: string; workers: Record<string, unknown> }> };

/** Server action ids by exported name, from the production build's manifest. */
export function actionId(name: string, root = process.cwd()): string {
  const file = path.join(root, ".next/server/server-reference-manifest.json");
  const manifest = JSON.parse(readFileSync(file, "utf8")) as Manifest;
  const found = Object.entries(manifest.node).filter(([, entry]) => entry.exportedName === name);
  if (found.length !== 1) throw new Error(`server action ${name}: ${found.length} matches in the manifest`);
  return found[0]![0];
}

export function createPool(baseUrl: string, connections: number): Pool {
  return new Pool(baseUrl, { connections, pipelining: 1, keepAliveTimeout: 30_000 });
}

/** The body as the server meant it, whatever the content encoding. */
export function decodeBytes(reply: Reply): Buffer {
  const encoding = String(reply.headers["content-encoding"] ?? "");
  if (encoding === "gzip") return gunzipSync(reply.body);
  if (encoding === "br") return brotliDecompressSync(reply.body);
  if (encoding === "deflate") return inflateSync(reply.body);
  return reply.body;
}

export const decode = (reply: Reply): string => decodeBytes(reply).toString("utf8");

/** Row 0 of an action's RSC reply names the row holding the return value (as React reads it). */
export function parseActionResult(body: string): ActionOutcome["result"] {
  const rows = new Map<string, string>();
  for (const line of body.split("\n")) {
    const match = /^([0-9a-f]+):(.*)$/.exec(line);
    if (match) rows.set(match[1]!, match[2]!);
  }
  const ref = /"a":"\$@([0-9a-f]+)"/.exec(rows.get("0") ?? "")?.[1];
  const row = ref ? rows.get(ref) : undefined;
  if (!row?.startsWith("{")) return null;
  const value = JSON.parse(row) as unknown;
  return value && typeof value === "object" && "ok" in value ? (value as ActionOutcome["result"]) : null;
}

/** Every answer any Browser received, by HTTP status (cluster-check.ts reports the 500s). */
export const statusCounts = new Map<number, number>();

export class Browser {
  readonly cookies = new Map<string, string>();

  constructor(
    private readonly pool: Pool,
    readonly origin: string,
    readonly ip: string,
  ) {}

  private headers(extra: Record<string, string>): Record<string, string> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    return {
      "user-agent": BENCH_USER_AGENT,
      "accept-language": "de-DE,de;q=0.9,en;q=0.8",
      "accept-encoding": "gzip, deflate, br",
      "x-forwarded-for": this.ip,
      ...(cookie ? { cookie } : {}),
      ...extra,
    };
  }

  private remember(setCookie: string | string[] | undefined): void {
    for (const line of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (!value || /max-age=0|expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async send(
    method: "GET" | "POST",
    pathname: string,
    extra: Record<string, string> = {},
    body?: string,
  ): Promise<Reply> {
    const response = await this.pool.request({ method, path: pathname, headers: this.headers(extra), body });
    statusCounts.set(response.statusCode, (statusCounts.get(response.statusCode) ?? 0) + 1);
    this.remember(response.headers["set-cookie"]);
    const body_ = Buffer.from(await response.body.arrayBuffer());
    return { status: response.statusCode, headers: response.headers, body: body_ };
  }

  /** A page as the address bar loads it (HTML document). */
  document(pathname: string): Promise<Reply> {
    return this.send("GET", pathname, {
      accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    });
  }

  /**
   * A page as the client router fetches it after router.push/replace (RSC payload). Without the
   * router's state tree the whole tree is rendered (the root layout once more than a browser would
   * ask for), and Next.js wants the matching cache-busting `_rsc` parameter, which is then empty.
   */
  navigation(pathname: string): Promise<Reply> {
    const separator = pathname.includes("?") ? "&" : "?";
    return this.send("GET", `${pathname}${separator}_rsc=`, { accept: "*/*", rsc: "1" });
  }

  /** Calls a server action from `page` (the page that bundles it, or Set-Cookie is lost). */
  async action(page: string, id: string, args: unknown[]): Promise<ActionOutcome> {
    const reply = await this.send(
      "POST",
      page,
      {
        "next-action": id,
        "content-type": "text/plain;charset=UTF-8",
        accept: "text/x-component",
        origin: this.origin,
      },
      JSON.stringify(args),
    );
    const redirectHeader = reply.headers["x-action-redirect"];
    const redirect =
      typeof redirectHeader === "string" ? redirectHeader.replace(/;(push|replace)$/, "") : null;
    // A redirect's reply carries the target page, not a return value: no need to decode it.
    const result = redirect === null && reply.status === 200 ? parseActionResult(decode(reply)) : null;
    return { status: reply.status, redirect, result, bytes: reply.body.length };
  }
}
