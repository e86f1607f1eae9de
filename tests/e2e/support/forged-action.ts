/**
 * Calls a server action the way a script (not the page) would: with the action's id from the
 * production build's manifest and the browser context's cookies. Attacker tests use it to show that
 * the server refuses what the page no longer offers, so hiding a button is never the only guard.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { E2E_BASE_URL } from "./users";

type Manifest = { node: Record<string, { filename?: string; exportedName?: string }> };

function actionId(filename: string, exportedName: string): string {
  const manifestPath = path.resolve(".next/server/server-reference-manifest.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest;
  const found = Object.entries(manifest.node).find(
    ([, entry]) => entry.filename === filename && entry.exportedName === exportedName,
  );
  if (!found) throw new Error(`forged-action: no server action ${exportedName} in ${filename}`);
  return found[0];
}

/** POSTs the action's arguments to `pagePath` and returns the RSC response body as text. */
export async function callServerAction(
  request: APIRequestContext,
  opts: { pagePath: string; filename: string; exportedName: string; args: unknown[] },
): Promise<{ status: number; body: string }> {
  const response = await request.post(opts.pagePath, {
    headers: {
      "Next-Action": actionId(opts.filename, opts.exportedName),
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
      Origin: E2E_BASE_URL,
    },
    data: JSON.stringify(opts.args),
    maxRedirects: 0,
  });
  return { status: response.status(), body: await response.text() };
}
