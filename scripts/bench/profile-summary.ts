/**
 * Where a server's CPU time went: summarises a V8 CPU profile (`node --cpu-prof`, e.g. written by
 * `npm run bench -- --only password --cpu-prof /tmp/prof`) by self and by inclusive time, per area
 * (Next.js, React rendering, Prisma, libsql, next-auth/jose, zod, our code, GC, idle …), per package
 * or app folder, and the top frames (docs/decisions/0078).
 *
 *   npx tsx scripts/bench/profile-summary.ts <file.cpuprofile | folder> [--top 15] [--skip S] [--json]
 *
 * A folder takes its newest main-thread profile; `--skip S` leaves out its first S seconds (the server's start). The production build bundles most packages into
 * .next/server/chunks; a frame in a chunk is traced back to its source file through the chunk's
 * source map when the build wrote one, otherwise it counts as "Next build chunk (unmapped)".
 * Self time is the time a function was on top of the stack; inclusive time the time it was on the
 * stack at all, each sample counted once per area however often the area recurs in its stack.
 * Native frames without a script (a crypto digest, JSON.parse) count for the area that called them.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { SourceMap } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

/** The first pattern that matches a frame's (source-mapped) file names its area. Order matters. */
const AREAS: [string, RegExp][] = [
  ["Prisma query compiler (WASM + JS glue)", /query_compiler_bg/],
  ["Prisma adapter", /@prisma[\\/](adapter-|driver-adapter-utils)/],
  ["Prisma client", /@prisma[\\/]|[\\/]generated[\\/]prisma-/],
  ["libsql", /libsql/],
  ["pg", /node_modules[\\/](pg|pg-[a-z]+)[\\/]/],
  ["next-auth/jose", /node_modules[\\/](next-auth|jose|@panva|oauth4webapi|openid-client)[\\/]/],
  ["zod", /node_modules[\\/]zod[\\/]/],
  ["next-intl", /node_modules[\\/](next-intl|use-intl|intl-messageformat|@formatjs)[\\/]/],
  [
    "React render/RSC",
    /react-dom|react-server-dom|compiled[\\/](react|scheduler)[\\/]|node_modules[\\/]react[\\/]/,
  ],
  ["Next.js (server, router, cache)", /next[\\/]dist[\\/]|node_modules[\\/]next[\\/]|^webpack:\/\/next\//],
  ["other packages", /node_modules[\\/]/],
  ["our crypto (fields, MACs)", /lib[\\/]server[\\/](crypto|bank-accounts[\\/]iban-crypto)/],
  ["our code", /^(lib|app|components|messages)\/|^proxy\.ts$/],
  ["server start script, bench counter", /[\\/]scripts[\\/]/],
  ["Next build chunk (unmapped)", /[\\/]\.next[\\/]/],
  ["response compression (zlib)", /^node:zlib$/],
  ["Node core", /^node:|^internal[\\/]|^$/],
];
const SPECIAL: Record<string, string> = {
  "(idle)": "idle",
  "(garbage collector)": "GC",
  "(program)": "V8 (program: compile, IC, runtime)",
  "(root)": "root",
};

export function newestProfile(target: string): string {
  if (!statSync(target).isDirectory()) return target;
  const files = readdirSync(target)
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((f) => path.join(target, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  // Node names them CPU.<date>.<time>.<pid>.<thread>.<n>: thread 0 is the main thread (the others,
  // a worker's, are mostly idle).
  const file = files.find((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f)) ?? files[0];
  if (!file) throw new Error(`no .cpuprofile in ${target}`);
  return file;
}

/**
 * Source maps of bundled files, read once each (null: none): the build's chunks and Next.js's
 * precompiled server runtime, which carries React's server renderer inside it.
 */
const maps = new Map<string, SourceMap | null>();
function sourceMapFor(url: string): SourceMap | null {
  if (!url.startsWith("file://") || !/\/\.next\/|\/next\/dist\/compiled\//.test(url)) return null;
  if (!maps.has(url)) {
    const file = `${fileURLToPath(url)}.map`;
    maps.set(url, existsSync(file) ? new SourceMap(JSON.parse(readFileSync(file, "utf8"))) : null);
  }
  return maps.get(url)!;
}

/** The frame's file as written in the sources, and a readable "function file:line". */
function locate(frame: CallFrame): { file: string; label: string } {
  const { url, lineNumber, columnNumber } = frame;
  const name = frame.functionName || "(anonymous)";
  const entry = sourceMapFor(url)?.findEntry(lineNumber, columnNumber);
  const file = projectRelative(
    entry && "originalSource" in entry && entry.originalSource ? entry.originalSource : url,
  );
  const line = entry && "originalLine" in entry ? entry.originalLine : lineNumber;
  const short = file.replace(/^.*node_modules[\\/]/, "");
  return { file, label: url ? `${name} ${short}:${line + 1}` : name };
}

function packageOf(file: string): string {
  if (/compiled[\\/]react/.test(file)) return file.replace(/^.*[\\/]/, ""); // React inside Next
  const inModules =
    /node_modules[\\/]((@[^\\/]+[\\/])?[^\\/]+)/.exec(file) ?? /^webpack:\/\/([^/]+)\//.exec(file);
  if (inModules) return inModules[1]!;
  const app = /^((lib|app|components|scripts)\/[^/]+)/.exec(file);
  return app ? app[1]! : file ? file.replace(/^.*[\\/]/, "") : "(native)";
}

/** A source file relative to the project ("lib/…"), whether the map says "[project]/lib/…" or "../../lib/…". */
function projectRelative(file: string): string {
  const root = process.cwd() + "/";
  return file
    .replace(/^file:\/\//, "")
    .replace(root, "")
    .replace(/^(\.\.\/)+/, "")
    .replace(/^\[project\]\//, "");
}

/** `skipSeconds`: leave out the process's start (module loading, compilation, warm-up). */
export function summarise(profile: CpuProfile, skipSeconds = 0) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const info = new Map<number, { area: string; pkg: string; label: string }>();
  const infoOf = (id: number): { area: string; pkg: string; label: string } => {
    const known = info.get(id);
    if (known) return known;
    const frame = byId.get(id)!.callFrame;
    let result: { area: string; pkg: string; label: string };
    const special = SPECIAL[frame.functionName];
    if (special && !frame.url) result = { area: special, pkg: special, label: frame.functionName };
    else if (frame.url.startsWith("wasm://"))
      result = { area: AREAS[0]![0], pkg: "(wasm)", label: `${frame.functionName} (wasm)` };
    else if (!frame.url && parent.has(id) && !SPECIAL[byId.get(parent.get(id)!)!.callFrame.functionName])
      result = { ...infoOf(parent.get(id)!), label: `${frame.functionName || "(native)"} (native)` };
    else {
      const { file, label } = locate(frame);
      const area = AREAS.find(([, pattern]) => pattern.test(file))?.[0] ?? "other";
      result = { area, pkg: packageOf(file), label };
    }
    info.set(id, result);
    return result;
  };
  const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);
  const self = {
    area: new Map<string, number>(),
    pkg: new Map<string, number>(),
    frame: new Map<string, number>(),
  };
  const incl = { area: new Map<string, number>(), pkg: new Map<string, number>() };
  let total = 0;
  const { samples, timeDeltas } = profile;
  let elapsed = 0;
  for (let i = 0; i < samples.length; i++) {
    elapsed += timeDeltas[i] ?? 0;
    if (elapsed < skipSeconds * 1e6) continue;
    // A sample lasts until the next one is taken.
    const us = Math.max(0, timeDeltas[i + 1] ?? 0);
    total += us;
    const leaf = infoOf(samples[i]!);
    add(self.area, leaf.area, us);
    add(self.pkg, leaf.pkg, us);
    add(self.frame, `${leaf.label}  [${leaf.area}]`, us);
    const areas = new Set<string>();
    const pkgs = new Set<string>();
    for (let id: number | undefined = samples[i]; id !== undefined; id = parent.get(id)) {
      const { area, pkg } = infoOf(id);
      if (area !== "root") areas.add(area);
      if (pkg !== "root") pkgs.add(pkg);
    }
    for (const a of areas) add(incl.area, a, us);
    for (const p of pkgs) add(incl.pkg, p, us);
  }
  return { totalMs: total / 1000, self, incl };
}

function table(
  title: string,
  rows: Map<string, number>,
  totalUs: number,
  top: number,
  inclusive?: Map<string, number>,
) {
  const sorted = [...rows].sort((a, b) => b[1] - a[1]).slice(0, top);
  console.log(`\n${title}${inclusive ? "  (self % · inclusive %)" : "  (self %)"}`);
  for (const [key, us] of sorted) {
    const pct = (n: number) => `${((100 * n) / totalUs).toFixed(1).padStart(5)} %`;
    console.log(`  ${pct(us)}${inclusive ? ` · ${pct(inclusive.get(key) ?? 0)}` : ""}  ${key}`);
  }
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { top: { type: "string" }, skip: { type: "string" }, json: { type: "boolean" } },
  });
  if (!positionals[0])
    throw new Error("usage: profile-summary.ts <file.cpuprofile | folder> [--top N] [--skip S] [--json]");
  const file = newestProfile(positionals[0]);
  const top = Number(values.top ?? 15);
  const result = summarise(JSON.parse(readFileSync(file, "utf8")) as CpuProfile, Number(values.skip ?? 0));
  const totalUs = result.totalMs * 1000;
  if (values.json) {
    const obj = (m: Map<string, number>) =>
      Object.fromEntries([...m].map(([k, v]) => [k, Math.round(v / 1000)]));
    const { self, incl } = result;
    console.log(
      JSON.stringify(
        {
          file,
          totalMs: Math.round(result.totalMs),
          selfMs: { area: obj(self.area), package: obj(self.pkg) },
          inclusiveMs: { area: obj(incl.area), package: obj(incl.pkg) },
        },
        null,
        2,
      ),
    );
  } else {
    console.log(`${file}: ${(result.totalMs / 1000).toFixed(1)} s sampled`);
    table("By area", result.self.area, totalUs, 30, result.incl.area);
    table(`By package or app folder, top ${top}`, result.self.pkg, totalUs, top, result.incl.pkg);
    table(`Top ${top} frames by self time`, result.self.frame, totalUs, top);
  }
}
