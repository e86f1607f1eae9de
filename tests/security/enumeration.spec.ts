/**
 * No user enumeration (PRODUCT.md §6, ASVS 6.3.8): registration, sign-in, reset and passkey
 * sign-up answer a known address exactly as an unknown one — status, headers, body — and in the
 * same time. Timing is compared as medians of interleaved runs in the same test, with a generous
 * bound, so a busy machine slows both sides alike instead of failing the test.
 */
import { uniqueEmail } from "../e2e/support/users";
import { createActor, PASSWORD } from "./support/actors";
import { Coverage } from "./support/coverage";
import { clientIp, PortalClient, type ActionReply } from "./support/portal-client";
import { SoftwarePasskey } from "./support/software-passkey";
import { expect, test } from "./fixtures";

const coverage = new Coverage("enumeration");
test.afterAll(() => coverage.report());

const RUNS = 7;
/** Far above the noise of a shared 2-core machine, far below what a different code path costs. */
const MAX_MEDIAN_DIFFERENCE_MS = 150;

type Probe = (email: string) => Promise<ActionReply>;

/**
 * What an observer can compare: values that differ per request anyway (nonces, cookie values,
 * random challenges) and the address the caller typed are blanked.
 */
function observable({ reply, email }: { reply: ActionReply; email: string }) {
  const blank = (text: string) =>
    text
      .split(email)
      .join("…")
      .replace(/nonce[-"=:\\]+[A-Za-z0-9+/=]+/g, "nonce…")
      .replace(/"[A-Za-z0-9_.-]{20,}"/g, '"…"'); // random ids (challenges, tokens) in option objects
  const headers = Object.fromEntries(
    [...reply.headers]
      .filter(([name]) => !["date", "content-security-policy", "set-cookie", "keep-alive"].includes(name))
      .sort(),
  );
  const cookies = reply.headers
    .getSetCookie()
    .map((line) => line.replace(/=[^;]*/, "=…").replace(/Expires=[^;]*/i, "Expires=…"))
    .sort();
  return {
    status: reply.status,
    redirect: reply.redirect,
    result: JSON.parse(blank(JSON.stringify(reply.result))) as unknown,
    headers,
    cookies,
    body: blank(reply.body),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Runs `probe` for fresh known and unknown addresses, alternating, each from its own client address
 * so no per-IP or per-address throttle changes the path; compares the answers and the medians.
 */
async function compare(name: string, probe: Probe) {
  const times = { known: [] as number[], unknown: [] as number[] };
  const first: Partial<Record<"known" | "unknown", { reply: ActionReply; email: string }>> = {};
  for (let i = 0; i < RUNS; i++) {
    for (const kind of ["known", "unknown"] as const) {
      const email = kind === "known" ? (await createActor("CUSTOMER")).email : uniqueEmail("unbekannt");
      const started = performance.now();
      const reply = await probe(email);
      times[kind].push(performance.now() - started);
      first[kind] ??= { reply, email };
    }
  }
  expect(observable(first.known!), `${name}: the answers differ`).toEqual(observable(first.unknown!));
  const difference = Math.abs(median(times.known) - median(times.unknown));
  console.log(
    `[security] timing ${name}: known ${median(times.known).toFixed(0)} ms, unknown ${median(times.unknown).toFixed(0)} ms (medians of ${RUNS})`,
  );
  expect(difference, `${name}: median difference`).toBeLessThan(MAX_MEDIAN_DIFFERENCE_MS);
  coverage.add("endpoints compared");
  coverage.add("timed requests", 2 * RUNS);
}

test("[ATTACKER] registration answers a known address like an unknown one", async () => {
  await compare("registration", (email) =>
    new PortalClient(clientIp("enum-register")).action("registerAccount", [
      { email, password: PASSWORD, acceptTerms: true },
    ]),
  );
});

test("[ATTACKER] sign-in with a wrong password answers a known address like an unknown one", async () => {
  await compare("sign-in", (email) =>
    new PortalClient(clientIp("enum-sign-in")).action("signInWithPassword", [
      { email, password: "Falsches Passwort 2026", rememberMe: false },
    ]),
  );
});

test("[ATTACKER] a reset request answers a known address like an unknown one", async () => {
  await compare("password reset", (email) =>
    new PortalClient(clientIp("enum-reset")).action("requestPasswordReset", [{ email }]),
  );
});

test("[ATTACKER] passkey sign-up answers a known address like an unknown one, in both steps", async () => {
  const step = async (email: string) => {
    const client = new PortalClient(clientIp("enum-passkey"));
    const start = await client.action("startPasskeySignUpAction", [{ email, acceptTerms: true }]);
    const { options, pendingToken } = start.result!.data as {
      options: { challenge: string; excludeCredentials?: unknown[] };
      pendingToken: string;
    };
    // The first step looks nothing up: no credentials to exclude, known address or not.
    expect(options.excludeCredentials ?? []).toEqual([]);
    const response = new SoftwarePasskey().register(options.challenge);
    return { start, finish: await client.action("finishPasskeySignUpAction", [{ pendingToken, response }]) };
  };
  const starts: Record<string, { reply: ActionReply; email: string }> = {};
  await compare("passkey sign-up", async (email) => {
    const { start, finish } = await step(email);
    starts[email.startsWith("unbekannt") ? "unknown" : "known"] ??= { reply: start, email };
    expect(finish.result).toEqual({ ok: true, data: { redirectTo: "/register/check-email" } });
    return finish;
  });
  expect(observable(starts.known!)).toEqual(observable(starts.unknown!));
});
