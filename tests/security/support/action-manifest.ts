/**
 * The server actions of the production build, from Next's own manifest: every exported function
 * of a "use server" module gets an id there, so a new action appears here without anyone listing it.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

export type ManifestAction = {
  id: string;
  file: string;
  name: string;
  key: string;
  /** A page that bundles the action: posted elsewhere, Next forwards the call and drops Set-Cookie. */
  page: string;
};

type Manifest = {
  node: Record<string, { filename?: string; exportedName?: string; workers: Record<string, unknown> }>;
};

/** "app/(auth)/login/page" → "/login"; null for dynamic segments and non-pages. */
function pagePath(worker: string): string | null {
  if (!worker.startsWith("app/") || !worker.endsWith("/page") || worker.includes("[")) return null;
  const segments = worker
    .slice(4, -5)
    .split("/")
    .filter((s) => s && !/^\(.*\)$/.test(s));
  return `/${segments.join("/")}`;
}

let cache: ManifestAction[] | undefined;

export function manifestActions(): ManifestAction[] {
  if (cache) return cache;
  const file = path.join(process.cwd(), ".next/server/server-reference-manifest.json");
  const manifest = JSON.parse(readFileSync(file, "utf8")) as Manifest;
  cache = Object.entries(manifest.node)
    .filter(([, entry]) => entry.filename && entry.exportedName)
    .map(([id, entry]) => {
      const pages = Object.keys(entry.workers)
        .map(pagePath)
        .filter((p): p is string => p !== null);
      return {
        id,
        file: entry.filename!,
        name: entry.exportedName!,
        key: `${entry.filename}#${entry.exportedName}`,
        // Only dynamic pages bundle it: "/" forwards the call, which is fine for a cookie-less answer.
        page: pages.sort((a, b) => a.length - b.length)[0] ?? "/",
      };
    })
    .sort((a, b) => a.key.localeCompare(b.key));
  return cache;
}

/** An action by its exported name (unique across lib/actions). */
export function manifestAction(name: string): ManifestAction {
  const found = manifestActions().filter((a) => a.name === name || a.key === name);
  if (found.length !== 1)
    throw new Error(`server action "${name}": ${found.length} matches in the build's manifest`);
  return found[0]!;
}
