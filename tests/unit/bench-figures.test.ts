/**
 * The arithmetic and parsing behind `npm run bench` (docs/decisions/0031): what it reports must be
 * right even though nobody can check a load figure by eye.
 */
import { describe, expect, it } from "vitest";
import { parseActionResult } from "../../scripts/bench/browser";
import { customer, pageCustomers, passkeyCustomers, signInOrder } from "../../scripts/bench/customers";
import { parseBenchOptions, type BenchOptions } from "../../scripts/bench/options";
import { scriptSources } from "../../scripts/bench/scenarios/first-load-js";
import { figuresOf, median, percentile, ratio, summarise } from "../../scripts/bench/stats";

describe("bench statistics", () => {
  it("takes nearest-rank percentiles of unsorted samples", () => {
    const samples = [9, 1, 8, 2, 7, 3, 6, 4, 5, 10];
    expect(percentile(samples, 0.5)).toBe(5);
    expect(percentile(samples, 0.95)).toBe(10);
    expect(percentile(samples, 0.1)).toBe(1);
    expect(percentile([], 0.5)).toBeNaN();
  });

  it("reports the median of each figure over the runs, and the spread of the rate", () => {
    const runs = [figuresOf([100, 200], 1), figuresOf([100, 300, 500, 700], 2, 1), figuresOf([50], 1)];
    const summary = summarise(runs);
    expect(summary.perSecond).toBe(2);
    expect([summary.perSecondMin, summary.perSecondMax]).toEqual([1, 2]);
    expect(summary.p50).toBe(100);
    expect(summary.errors).toBe(1);
    expect(summary.count).toBe(7);
    expect(median([3, 1, 2, 4])).toBe(2.5);
  });

  it("never makes a ratio up from a missing figure", () => {
    expect(ratio(15, 176)).toBeCloseTo(0.0852, 4);
    expect(ratio(15, 0)).toBeNull();
    expect(ratio(Number.NaN, 10)).toBeNull();
    expect(ratio(undefined, 10)).toBeNull();
  });
});

describe("bench options", () => {
  const parse = (...args: string[]) => parseBenchOptions(args) as BenchOptions;

  it("defaults to SQLite, every scenario but scale, medians of three runs", () => {
    const options = parse();
    expect(options.database).toBe("sqlite");
    expect(options.scenarios).toEqual(["micro", "argon2", "password", "passkey", "pages", "js", "orders"]);
    expect(options.runs).toBe(3);
    expect(options.pageConcurrencies).toEqual([16, 50]);
    expect(options.customers).toBe(10_000);
  });

  it("adds PostgreSQL and the million customers on request", () => {
    const options = parse("--pg", "--scale", "--scale-customers", "250000");
    expect(options.database).toBe("postgres");
    expect(options.scenarios).toContain("scale");
    expect(options.scaleCustomers).toBe(250_000);
  });

  it("refuses unknown scenarios, bad numbers and pages that are not paths", () => {
    expect(() => parse("--only", "argon2,warp")).toThrow(/unknown scenario warp/);
    expect(() => parse("--runs", "0")).toThrow(/--runs must be a positive number/);
    expect(() => parse("--pages", "account")).toThrow(/not a path/);
    expect(() => parse("--turbo")).toThrow();
  });
});

describe("bench customers", () => {
  it("gives every customer an address and browser of their own", () => {
    const ips = new Set(Array.from({ length: 70_000 }, (_, i) => customer.ip(i)));
    expect(ips.size).toBe(70_000);
    expect(customer.ip(1_000_000)).toBe("10.15.66.64");
    expect(customer.deviceCookie(7)).not.toBe(customer.deviceCookie(8));
  });

  it("picks sign-in customers once each, spread over the whole range", () => {
    const order = signInOrder(1_000_000, 5_000);
    expect(new Set(order).size).toBe(5_000);
    expect(Math.max(...order)).toBeGreaterThan(900_000);
    expect(Math.min(...order)).toBeLessThan(100_000);
    expect([...signInOrder(100, 500)].sort((a, b) => a - b)).toEqual([...Array(100).keys()]);
  });

  it("spreads page customers over the range and keeps them inside it", () => {
    const pages = pageCustomers(1_000_000);
    expect(pages).toHaveLength(64);
    expect(pages[0]).toBeLessThan(20_000);
    expect(pages.at(-1)).toBeGreaterThan(980_000);
    expect(pageCustomers(10).every((i) => i >= 0 && i < 10)).toBe(true);
    expect(passkeyCustomers(500)).toHaveLength(500);
  });
});

describe("bench parsing of the server's answers", () => {
  it("reads an action's return value from its RSC rows", () => {
    const body = '0:{"a":"$@1","f":"","b":"build"}\n1:{"ok":true,"data":{"challenge":"abc"}}\n';
    expect(parseActionResult(body)).toEqual({ ok: true, data: { challenge: "abc" } });
    expect(parseActionResult('0:{"a":"$@1"}\n1:E{"digest":"x"}\n')).toBeNull();
    expect(parseActionResult("")).toBeNull();
  });

  it("counts each first-load script once and skips noModule polyfills", () => {
    const html = [
      '<link rel="preload" as="script" href="/_next/static/chunks/b.js"/>',
      '<script src="/_next/static/chunks/a.js" async="" nonce="n"></script>',
      '<script src="/_next/static/chunks/poly.js" noModule="" nonce="n"></script>',
      '<script src="/_next/static/chunks/b.js" nonce="n" async=""></script>',
      '<script src="/_next/static/chunks/a.js" async=""></script>',
      '<script nonce="n">self.__next_f.push([1,""])</script>',
    ].join("");
    expect(scriptSources(html)).toEqual(["/_next/static/chunks/a.js", "/_next/static/chunks/b.js"]);
  });

  it("counts a script that is only preloaded: a lazily loaded component the page renders", () => {
    const html = [
      '<script src="/_next/static/chunks/a.js" async=""></script>',
      '<link rel="preload" href="/_next/static/chunks/form.js" as="script" fetchPriority="low"/>',
      '<link rel="preload" href="/_next/static/media/font.woff2" as="font" crossorigin=""/>',
      '<link rel="stylesheet" href="/_next/static/chunks/app.css"/>',
    ].join("");
    expect(scriptSources(html)).toEqual(["/_next/static/chunks/a.js", "/_next/static/chunks/form.js"]);
  });
});
