/**
 * Response headers on every kind of response the portal gives (pages, errors, redirects, route
 * handlers, server actions, static files), on the local production build and on a deployment-mode
 * instance behind a simulated TLS-terminating balancer (ASVS V3.4, V4.1).
 */
import { createSession } from "./support/actors";
import { Coverage } from "./support/coverage";
import { clientIp, PortalClient } from "./support/portal-client";
import { createCustomer, e2eDb } from "../e2e/support/users";
import { expect, test } from "./fixtures";

const coverage = new Coverage("headers");
test.afterAll(() => coverage.report());

type Sample = { name: string; response: Response; body: string };

/** One response of each kind the server produces. */
async function sampleResponses(client: PortalClient): Promise<Sample[]> {
  const get = async (name: string, path: string): Promise<Sample> => {
    const response = await client.fetch(path);
    return { name, response, body: await response.text() };
  };
  const samples = [
    await get("home page", "/"),
    await get("sign-in page", "/login"),
    await get("account page (signed in)", "/account/security"),
    await get("unknown page (404)", "/gibt-es-nicht"),
    await get("redirect to sign-in", "/account/payment"),
    await get("route handler JSON", "/api/health"),
    await get("next-auth route", "/api/auth/csrf"),
    await get("route handler redirect", "/newsletter/unsubscribe?token=x"),
    await get("offline page", "/offline"),
    await get("service worker", "/sw.js"),
  ];
  const reply = await client.action("startPasskeySignInAction", []);
  samples.push({
    name: "server action",
    response: new Response(reply.body, { headers: reply.headers }),
    body: "",
  });
  const script = /<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/.exec(samples[1]!.body)?.[1];
  if (!script) throw new Error("no static script referenced by /login");
  samples.push(await get("static script", script));
  return samples;
}

async function customerClient(): Promise<PortalClient> {
  const customer = await createCustomer();
  const { token } = await createSession(customer.id);
  return new PortalClient(clientIp("headers"), { sessionToken: token });
}

test("every response: nosniff, no framing, a referrer policy, a permissions policy, no X-Powered-By", async () => {
  for (const { name, response } of await sampleResponses(await customerClient())) {
    const h = response.headers;
    expect(h.get("x-content-type-options"), name).toBe("nosniff");
    expect(h.get("x-frame-options"), name).toBe("DENY");
    expect(h.get("referrer-policy"), name).toMatch(
      /^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/,
    );
    expect(h.get("permissions-policy"), name).toMatch(/camera=\(\)/);
    expect(h.get("x-powered-by"), name).toBeNull();
    coverage.add("responses checked");
  }
});

test("every document and API response: a CSP with a fresh nonce, no unsafe-inline script, no framing", async () => {
  const client = await customerClient();
  const nonces = new Set<string>();
  for (const { name, response, body } of await sampleResponses(client)) {
    if (name === "static script") continue; // a script file is not a document: no CSP applies
    const csp = response.headers.get("content-security-policy") ?? "";
    const directives = new Map(
      csp.split(";").map((d) => {
        const [key = "", ...values] = d.trim().split(/\s+/);
        return [key, values] as const;
      }),
    );
    const scriptSrc = directives.get("script-src") ?? [];
    expect(
      scriptSrc.some((v) => /^'nonce-[A-Za-z0-9+/=]{16,}'$/.test(v)),
      `${name}: ${csp}`,
    ).toBe(true);
    expect(scriptSrc, name).not.toContain("'unsafe-inline'");
    expect(scriptSrc, name).not.toContain("'unsafe-eval'");
    expect(directives.get("object-src"), name).toEqual(["'none'"]);
    expect(directives.get("base-uri"), name).toEqual(["'none'"]);
    expect(directives.get("frame-ancestors"), name).toEqual(["'none'"]);
    // Nothing is loaded from or sent to another origin (no trackers, ASVS 14.2.3).
    for (const fetching of ["default-src", "connect-src", "img-src", "form-action"])
      expect(directives.get(fetching), `${name}: ${fetching}`).toContain("'self'");
    for (const values of directives.values())
      expect(
        values.filter((v) => /^https?:|^\*$/.test(v)),
        name,
      ).toEqual([]);
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    nonces.add(nonce);
    if (response.headers.get("content-type")?.startsWith("text/html")) {
      // Every script the page carries, inline or not, bears this response's nonce.
      const scripts = body.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length, name).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, name).toContain(`nonce="${nonce}"`);
    }
    coverage.add("CSP checks");
  }
  expect(nonces.size, "a nonce is never reused").toBeGreaterThanOrEqual(8);
});

test("text responses name their charset; signed-in pages and actions are not cached", async () => {
  for (const { name, response } of await sampleResponses(await customerClient())) {
    const type = response.headers.get("content-type") ?? "";
    if (type.startsWith("text/html")) expect(type, name).toMatch(/charset=utf-8/i);
    if (/account|action|next-auth/.test(name))
      expect(response.headers.get("cache-control"), name).toMatch(/no-store/);
  }
});

test("[ATTACKER] another origin gets no CORS permission to read any answer", async () => {
  const client = await customerClient();
  for (const path of ["/api/health", "/api/auth/csrf", "/account/security", "/api/auth/providers"]) {
    const response = await client.fetch(path, { headers: { Origin: "https://evil.example" } });
    expect(response.headers.get("access-control-allow-origin"), path).toBeNull();
    expect(response.headers.get("access-control-allow-credentials"), path).toBeNull();
    const preflight = await client.fetch(path, {
      method: "OPTIONS",
      headers: { Origin: "https://evil.example", "Access-Control-Request-Method": "POST" },
    });
    expect(preflight.headers.get("access-control-allow-origin"), `${path} preflight`).toBeNull();
  }
});

test("[ATTACKER] cannot choose the client address the server trusts", async () => {
  const customer = await createCustomer();
  const trustedHop = clientIp("xff");
  const client = new PortalClient(`203.0.113.9, ${trustedHop}`, {
    headers: { "x-portal-client-ip": "198.51.100.7" },
  });
  await client.action("signInWithPassword", [
    { email: customer.email, password: "falsch", rememberMe: false },
  ]);
  const attempt = await e2eDb().signInAttempt.findFirstOrThrow({
    where: { emailNormalized: customer.email.toLowerCase() },
    orderBy: { createdAt: "desc" },
  });
  // TRUST_PROXY=1: the last hop (the one our balancer appended) counts; nothing the client sends.
  expect(attempt.ip).toBe(trustedHop);
});

test.describe("deployment mode (https APP_URL behind a TLS-terminating balancer)", () => {
  async function deploymentSamples(deployment: {
    baseUrl: string;
    origin: string;
    balancerHeaders: Record<string, string>;
  }) {
    const client = new PortalClient(clientIp("deployment"), {
      baseUrl: deployment.baseUrl,
      origin: deployment.origin,
      headers: deployment.balancerHeaders,
    });
    return { client, samples: await sampleResponses(client) };
  }

  test("CSP upgrades insecure requests", async ({ deployment }) => {
    const { samples } = await deploymentSamples(deployment);
    for (const { name, response } of samples.filter((s) => s.name !== "static script"))
      expect(response.headers.get("content-security-policy"), name).toContain("upgrade-insecure-requests");
  });

  // Finding 5 (issue 10): there was no Strict-Transport-Security header (decision 0025).
  test("HSTS in deployment mode", async ({ deployment }) => {
    const { samples } = await deploymentSamples(deployment);
    for (const { name, response } of samples) {
      const hsts = response.headers.get("strict-transport-security") ?? "";
      const maxAge = Number(/max-age=(\d+)/.exec(hsts)?.[1] ?? 0);
      expect(maxAge, name).toBeGreaterThanOrEqual(31_536_000);
      expect(hsts, name).toMatch(/includeSubDomains/i);
    }
  });
});
