/**
 * Scenario 5: the JavaScript a browser loads for a first visit to /login and /account: every
 * `<script src>` of the server-rendered HTML (not `noModule` polyfills, which modern browsers skip;
 * a script preloaded and then included counts once) and every script only preloaded (a component
 * behind next/dynamic that the page renders: fetched with the page, run to hydrate that part),
 * fetched from the production server.
 * Sizes: raw, gzip as this server sends it to a gzip-only client (level 6 when it answered with
 * another encoding), and Brotli at quality 11 (what scripts/server.ts sends to a browser that accepts
 * it, decision 0070), in kB of 1,000 bytes.
 */
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { Browser, createPool, decode, decodeBytes } from "../browser";
import { customer } from "../customers";
import type { Portal } from "../portal";

export type FirstLoadJs = {
  path: string;
  scripts: number;
  rawKB: number;
  gzipKB: number;
  brotliKB: number;
  /** What the server answered to `Accept-Encoding: gzip, deflate, br` for the scripts. */
  servedEncodings: string[];
  /** The HTML document itself, gzip, for context. */
  documentGzipKB: number;
};

const kB = (bytes: number) => bytes / 1000;

export function scriptSources(html: string): string[] {
  const sources = new Set<string>();
  for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
    if (/\bnoModule\b/i.test(tag)) continue;
    const src = /\bsrc="([^"]+)"/.exec(tag)?.[1];
    if (src) sources.add(src.replace(/&amp;/g, "&"));
  }
  for (const tag of html.match(/<link\b[^>]*>/g) ?? []) {
    if (!/\brel="preload"/.test(tag) || !/\bas="script"/.test(tag)) continue;
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
    if (href) sources.add(href.replace(/&amp;/g, "&"));
  }
  return [...sources];
}

async function measurePage(portal: Portal, path: string, sessionOf: number | null): Promise<FirstLoadJs> {
  const pool = createPool(portal.baseUrl, 4);
  try {
    const browser = new Browser(pool, portal.baseUrl, customer.ip(sessionOf ?? 2));
    if (sessionOf !== null) browser.cookies.set("portal_session", customer.sessionToken(sessionOf));
    const page = await browser.document(path);
    if (page.status !== 200) throw new Error(`GET ${path}: status ${page.status}`);
    const html = decode(page);
    const sources = scriptSources(html);
    let raw = 0;
    let gzip = 0;
    let brotli = 0;
    const encodings = new Set<string>();
    for (const src of sources) {
      const reply = await browser.send("GET", src, { accept: "*/*" });
      if (reply.status !== 200) throw new Error(`GET ${src}: status ${reply.status}`);
      const encoding = String(reply.headers["content-encoding"] ?? "identity");
      encodings.add(encoding);
      const body = decodeBytes(reply);
      raw += body.length;
      gzip += encoding === "gzip" ? reply.body.length : gzipSync(body, { level: 6 }).length;
      brotli += brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    }
    return {
      path,
      scripts: sources.length,
      rawKB: kB(raw),
      gzipKB: kB(gzip),
      brotliKB: kB(brotli),
      servedEncodings: [...encodings].sort(),
      documentGzipKB: kB(gzipSync(Buffer.from(html, "utf8"), { level: 6 }).length),
    };
  } finally {
    await pool.close();
  }
}

export async function benchFirstLoadJs(portal: Portal, signedInCustomer: number): Promise<FirstLoadJs[]> {
  return [await measurePage(portal, "/login", null), await measurePage(portal, "/account", signedInCustomer)];
}
