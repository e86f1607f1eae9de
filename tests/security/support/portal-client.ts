/**
 * A browserless client of the production server for the attack suite: it keeps its own cookies
 * (explicitly, so a test always knows which session it sends), speaks from one client address
 * (X-Forwarded-For; the E2E server runs with TRUST_PROXY=1) and calls server actions over HTTP the
 * way Next.js's client does (docs/decisions/0026).
 */
import { createHash } from "node:crypto";
import { manifestAction } from "./action-manifest";

export const BASE_URL = `http://localhost:${process.env.E2E_PORT ?? 3100}`;
export const APP_ORIGIN = new URL(BASE_URL).origin;

/** A fresh private client address per label, so no two tests share an IP throttle or risk signal. */
export function clientIp(label: string): string {
  const hash = createHash("sha256").update(`${label}:${process.pid}:${Date.now()}:${Math.random()}`).digest();
  return `10.${hash[0]}.${hash[1]}.${1 + (hash[2]! % 254)}`;
}

export type ActionReply = {
  status: number;
  headers: Headers;
  /** The path of Next's x-action-redirect (without its ";push"/";replace" suffix), if any. */
  redirect: string | null;
  /** The action's own return value (an ActionResult), when it returned one. */
  result: { ok: boolean; code?: string; data?: unknown; message?: string } | null;
  /** Next's error row: notFound() inside the action, or a refused request. */
  errorDigest: string | null;
  body: string;
};

export type ReplyOutcome =
  "ok" | "login" | "not-found" | "refused" | "staff-factor" | `code:${string}` | string;

/** One word for what happened, as the authorisation matrix writes it. */
export function outcomeOf(reply: ActionReply): ReplyOutcome {
  if (reply.status >= 500) return "refused";
  if (reply.errorDigest?.includes(";404")) return "not-found";
  if (reply.redirect?.startsWith("/login?callbackUrl=")) return "login";
  if (reply.redirect?.startsWith("/account/security?notice=staff-factor-required")) return "staff-factor";
  if (reply.result) return reply.result.ok ? "ok" : `code:${reply.result.code}`;
  if (reply.redirect) return `redirect:${reply.redirect}`;
  return reply.errorDigest ? "refused" : "ok";
}

export class PortalClient {
  readonly cookies = new Map<string, string>();
  /** Every Set-Cookie header line received, for the cookie-flag checks. */
  readonly setCookieLines: string[] = [];

  private readonly userAgent: string;
  readonly baseUrl: string;
  /** The Origin a browser on the portal's own pages sends (actions check it). */
  readonly origin: string;
  private readonly extraHeaders: Record<string, string>;

  constructor(
    readonly ip: string,
    opts: {
      sessionToken?: string;
      userAgent?: string;
      /** Another instance, e.g. the deployment-mode one (support/deployment-server.ts). */
      baseUrl?: string;
      origin?: string;
      headers?: Record<string, string>;
    } = {},
  ) {
    if (opts.sessionToken) this.cookies.set("portal_session", opts.sessionToken);
    this.userAgent = opts.userAgent ?? "Mozilla/5.0 (X11; Linux x86_64) PortalSecuritySuite/1.0";
    this.baseUrl = opts.baseUrl ?? BASE_URL;
    this.origin = opts.origin ?? APP_ORIGIN;
    this.extraHeaders = opts.headers ?? {};
  }

  get sessionToken(): string | undefined {
    return this.cookies.get("portal_session");
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    return {
      "X-Forwarded-For": this.ip,
      "User-Agent": this.userAgent,
      ...this.extraHeaders,
      ...(cookie ? { Cookie: cookie } : {}),
      ...extra,
    };
  }

  private remember(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      this.setCookieLines.push(line);
      const [pair = "", ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some(
        (a) => /^\s*max-age=0\s*$/i.test(a) || /expires=Thu, 01 Jan 1970/i.test(a),
      );
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** A request without following redirects (the test looks at each hop). */
  async fetch(
    path: string,
    init: RequestInit & { headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const response = await fetch(new URL(path, this.baseUrl), {
      ...init,
      redirect: "manual",
      headers: this.headers(init.headers),
    });
    this.remember(response);
    return response;
  }

  /** Calls a server action with JSON-encodable arguments, as the React client does. */
  async action(
    name: string,
    args: unknown[],
    opts: { origin?: string | null; page?: string } = {},
  ): Promise<ActionReply> {
    return this.sendAction(name, JSON.stringify(args), { "Content-Type": "text/plain;charset=UTF-8" }, opts);
  }

  /** Calls a server action whose one argument is a FormData (the plain-form actions). */
  async formAction(
    name: string,
    fields: Record<string, string>,
    opts: { origin?: string | null; page?: string } = {},
  ): Promise<ActionReply> {
    const form = new FormData();
    // React's encodeReply: the FormData becomes part 1 ("$K1"), its fields prefixed "_1_".
    for (const [key, value] of Object.entries(fields)) form.append(`_1_${key}`, value);
    form.append("0", '["$K1"]');
    return this.sendAction(name, form, {}, opts);
  }

  private async sendAction(
    name: string,
    body: BodyInit,
    contentType: Record<string, string>,
    opts: { origin?: string | null; page?: string },
  ): Promise<ActionReply> {
    const origin = opts.origin === undefined ? this.origin : opts.origin;
    const action = manifestAction(name);
    const response = await this.fetch(opts.page ?? action.page, {
      method: "POST",
      body,
      headers: {
        "Next-Action": action.id,
        Accept: "text/x-component",
        ...contentType,
        ...(origin === null ? {} : { Origin: origin }),
      },
    });
    return parseActionReply(response.status, response.headers, await response.text());
  }
}

/** Reads the RSC rows of an action response: row 0 names the row that holds the return value. */
export function parseActionReply(status: number, headers: Headers, body: string): ActionReply {
  const rows = new Map<string, string>();
  for (const line of body.split("\n")) {
    const match = /^([0-9a-f]+):(.*)$/.exec(line);
    if (match) rows.set(match[1]!, match[2]!);
  }
  const redirectHeader = headers.get("x-action-redirect");
  const redirect = redirectHeader ? redirectHeader.replace(/;(push|replace)$/, "") : null;
  let result: ActionReply["result"] = null;
  let errorDigest: string | null = null;
  const head = rows.get("0");
  const ref = head ? /"a":"\$@([0-9a-f]+)"/.exec(head)?.[1] : undefined;
  const row = ref ? rows.get(ref) : undefined;
  if (row?.startsWith("E")) errorDigest = (JSON.parse(row.slice(1)) as { digest?: string }).digest ?? "error";
  else if (row?.startsWith("{")) {
    const value = JSON.parse(row) as unknown;
    if (value && typeof value === "object" && "ok" in value) result = value as ActionReply["result"];
  }
  return { status, headers, redirect, result, errorDigest, body };
}
