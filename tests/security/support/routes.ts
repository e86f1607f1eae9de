/**
 * Every route of the app, read from the file system (every page.tsx and route.ts under app/), so that a new
 * page or handler shows up in the authorisation matrix and the CSRF table without anyone adding it.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export type DiscoveredRoute = {
  /** The URL pattern, route groups removed: "/account/addresses/[id]/edit". */
  pattern: string;
  kind: "page" | "route";
  /** HTTP methods a route handler exports (pages answer GET). */
  methods: string[];
  file: string;
};

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir)) {
    const file = path.join(dir, entry);
    if (statSync(file).isDirectory()) walk(file, out);
    else if (/^(page\.tsx|route\.ts)$/.test(entry)) out.push(file);
  }
}

function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:async\s+)?function\s+([A-Z]+)\b/g)) found.add(m[1]!);
  // Handlers made by a wrapper, e.g. `export const GET = apiRoute(…)` (lib/auth/api-request.ts).
  for (const m of source.matchAll(/export\s+const\s+([A-Z]+)\s*=/g)) found.add(m[1]!);
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g))
    for (const part of m[1]!.split(","))
      found.add(
        part
          .trim()
          .split(/\s+as\s+/)
          .at(-1)!,
      );
  return METHODS.filter((method) => found.has(method));
}

export function discoverRoutes(root = "app"): DiscoveredRoute[] {
  const files: string[] = [];
  walk(root, files);
  return files
    .map((file) => {
      const segments = path
        .relative(root, path.dirname(file))
        .split(path.sep)
        .filter((s) => s && !/^\(.*\)$/.test(s));
      const kind = file.endsWith("route.ts") ? ("route" as const) : ("page" as const);
      return {
        pattern: `/${segments.join("/")}`,
        kind,
        methods: kind === "page" ? ["GET"] : exportedMethods(readFileSync(file, "utf8")),
        file,
      };
    })
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
}
