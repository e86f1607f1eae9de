/**
 * Scenario 4: fixed-URL loads with autocannon. The account pages signed in (every request carries
 * the session of one of the page customers in turn, from that customer's address), /login
 * anonymous, and /api/health as the reference: the cheapest request through the same server
 * (Next.js's handler and one `SELECT 1`), so a page's rate reads as a share of what the server can
 * answer at all. Each page's SQL statements per request are counted on a quiet server first,
 * over consecutive requests of one customer.
 */
import autocannon from "autocannon";
import { Browser, createPool } from "../browser";
import { BENCH_USER_AGENT, customer } from "../customers";
import { cycle } from "../measure";
import type { Portal } from "../portal";
import { figuresOf, summarise, withCpuShare, type RunFigures, type Summary } from "../stats";

export type PageResult = {
  path: string;
  signedIn: boolean;
  /** Summary per concurrency ("16", "50"). */
  load: Record<string, Summary>;
  /** Cores autocannon used per concurrency (stats.ts withCpuShare). */
  generatorCores: Record<string, number>;
  statementsPerRequest: number;
  /** Response size as sent (compressed), bytes. */
  responseBytes: number;
  problem?: string;
};

export type PagesResult = { reference: PageResult; login: PageResult; account: PageResult[] };

const HEADERS = {
  accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
  "accept-encoding": "gzip, deflate, br",
  "accept-language": "de-DE,de;q=0.9,en;q=0.8",
  "user-agent": BENCH_USER_AGENT,
};

/**
 * One continuous autocannon load: a warm-up, then `runs` windows of `seconds`; each response
 * counts in the window in which it arrived (as in load-loop.ts).
 */
async function load(
  portal: Portal,
  path: string,
  opts: { connections: number; runs: number; seconds: number; warmupSeconds: number },
  nextCustomer: (() => number) | null,
): Promise<RunFigures[]> {
  const arrivals: { at: number; ms: number; ok: boolean }[] = [];
  const started = performance.now();
  const instance = autocannon({
    url: portal.baseUrl,
    connections: opts.connections,
    duration: opts.warmupSeconds + opts.runs * opts.seconds,
    pipelining: 1,
    timeout: 30,
    headers: HEADERS,
    requests: [
      {
        method: "GET",
        path,
        setupRequest: (request) => {
          const i = nextCustomer ? nextCustomer() : Math.floor(Math.random() * 65_536);
          const headers: Record<string, string> = { ...HEADERS, "x-forwarded-for": customer.ip(i) };
          if (nextCustomer) headers.cookie = `portal_session=${customer.sessionToken(i)}`;
          return { ...request, headers };
        },
      },
    ],
  });
  instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
    arrivals.push({ at: performance.now() - started, ms, ok: status === 200 });
  });
  const result = await instance;
  const windows: RunFigures[] = [];
  for (let k = 0; k < opts.runs; k++) {
    const from = (opts.warmupSeconds + k * opts.seconds) * 1000;
    const inWindow = arrivals.filter((a) => a.at >= from && a.at < from + opts.seconds * 1000);
    const ok = inWindow.filter((a) => a.ok).map((a) => a.ms);
    windows.push(figuresOf(ok, opts.seconds, inWindow.length - ok.length));
  }
  // Socket errors and timeouts have no arrival time: they count against every window.
  if (result.errors + result.timeouts > 0)
    for (const w of windows) w.errors += result.errors + result.timeouts;
  return windows;
}

/** One quiet request after another: the statements one request costs, and its size. */
async function probe(
  portal: Portal,
  path: string,
  sessionOf: number | null,
): Promise<{ statements: number; bytes: number; problem?: string }> {
  const pool = createPool(portal.baseUrl, 1);
  try {
    const browser = new Browser(pool, portal.baseUrl, customer.ip(sessionOf ?? 1));
    if (sessionOf !== null) browser.cookies.set("portal_session", customer.sessionToken(sessionOf));
    const first = await browser.document(path);
    if (first.status !== 200) return { statements: Number.NaN, bytes: 0, problem: `status ${first.status}` };
    const requests = 10;
    const before = await portal.counts();
    for (let n = 0; n < requests; n++) await browser.document(path);
    const after = await portal.counts();
    return { statements: (after.statements - before.statements) / requests, bytes: first.body.length };
  } finally {
    await pool.close();
  }
}

export async function benchPage(
  portal: Portal,
  path: string,
  opts: { concurrencies: number[]; runs: number; seconds: number; customers: number[] | null },
): Promise<PageResult> {
  const signedIn = opts.customers !== null;
  const nextCustomer = opts.customers ? cycle(opts.customers) : null;
  const quiet = await probe(portal, path, opts.customers?.[0] ?? null);
  const result: PageResult = {
    path,
    signedIn,
    load: {},
    generatorCores: {},
    statementsPerRequest: quiet.statements,
    responseBytes: quiet.bytes,
  };
  if (quiet.problem) return { ...result, problem: quiet.problem };
  for (const connections of opts.concurrencies) {
    const [windows, cores] = await withCpuShare(() =>
      load(
        portal,
        path,
        { connections, runs: opts.runs, seconds: opts.seconds, warmupSeconds: 2 },
        nextCustomer,
      ),
    );
    result.load[String(connections)] = summarise(windows);
    result.generatorCores[String(connections)] = cores;
  }
  return result;
}

export async function benchPages(
  portal: Portal,
  opts: { pages: string[]; concurrencies: number[]; runs: number; seconds: number; customers: number[] },
): Promise<PagesResult> {
  const common = { concurrencies: opts.concurrencies, runs: opts.runs, seconds: opts.seconds };
  const reference = await benchPage(portal, "/api/health", { ...common, customers: null });
  const login = await benchPage(portal, "/login", { ...common, customers: null });
  const account: PageResult[] = [];
  for (const path of opts.pages)
    account.push(await benchPage(portal, path, { ...common, customers: opts.customers }));
  return { reference, login, account };
}
