/**
 * Check 1: state that must not live in one process. Every step goes through nginx with the same
 * Host and Origin (the app's URL), to the instance the step names (nginx's pinned ports), as one
 * browser: its cookies travel from one instance to the other.
 * - a password sign-in on A gives a session that B accepts (/account answers 200 on B);
 * - signing out on B ends the session on A (the old cookie is sent to A again: /login);
 * - a passkey sign-in's challenge issued by A (options action) is accepted by B (finish action);
 * - a rate limit counted on A applies on B (30 keyless /api/v1 calls from one address on A, the
 *   31st on B is refused with 429).
 */
import { actionId, Browser, createPool } from "../bench/browser";
import { BENCH_PASSWORD, customer } from "../bench/customers";
import type { BenchPasskey } from "../bench/scenarios/sign-in";
import type { Proxy } from "./cluster";

type Pools = Record<"a" | "b", ReturnType<typeof createPool>>;
export type CheckLine = { ok: boolean; line: string };

/** One browser (cookies, address) whose next request goes to the instance named. */
function browserOn(pools: Pools, origin: string, i: number) {
  const cookies = new Map([["portal_device", customer.deviceCookie(i)]]);
  return async <T>(instance: "a" | "b", step: (browser: Browser) => Promise<T>): Promise<T> => {
    const browser = new Browser(pools[instance], origin, customer.ip(i));
    for (const [name, value] of cookies) browser.cookies.set(name, value);
    try {
      return await step(browser);
    } finally {
      cookies.clear();
      for (const [name, value] of browser.cookies) cookies.set(name, value);
    }
  };
}

const accountStatus = async (browser: Browser) => {
  const reply = await browser.document("/account");
  const location = String(reply.headers.location ?? "");
  return reply.status === 200 ? "200" : `${reply.status} → ${location.replace(/^https?:\/\/[^/]+/, "")}`;
};

async function sessionAcrossInstances(pools: Pools, origin: string): Promise<CheckLine> {
  const on = browserOn(pools, origin, 4);
  const signInId = actionId("signInWithPassword");
  const outcome = await on("a", (b) =>
    b.action("/login", signInId, [{ email: customer.email(4), password: BENCH_PASSWORD, rememberMe: false }]),
  );
  let token = "";
  const onB = await on("b", async (b) => {
    token = b.cookies.get("portal_session") ?? "";
    return accountStatus(b);
  });
  const signOut = await on("b", (b) => b.send("POST", "/logout", { origin }));
  const onA = await on("a", async (b) => {
    b.cookies.set("portal_session", token); // the cookie a thief kept
    return accountStatus(b);
  });
  const ok = token !== "" && onB === "200" && signOut.status === 303 && onA.startsWith("307 → /login");
  return {
    ok,
    line: `session: signed in on A (${outcome.redirect ?? outcome.status}), /account on B ${onB}; signed out on B (${signOut.status}), the old cookie on A: ${onA}`,
  };
}

async function passkeyChallengeAcrossInstances(
  pools: Pools,
  origin: string,
  passkey: BenchPasskey,
): Promise<CheckLine> {
  const on = browserOn(pools, origin, passkey.index);
  const options = await on("a", (b) => b.action("/login", actionId("startPasskeySignInAction"), []));
  const challenge = (options.result?.data as { challenge?: string } | undefined)?.challenge;
  if (!challenge) return { ok: false, line: `passkey: no options from A (status ${options.status})` };
  const response = passkey.authenticator.assert(challenge, {
    userHandle: customer.webauthnUserId(passkey.index),
  });
  const finish = await on("b", (b) =>
    b.action("/login", actionId("finishPasskeySignInAction"), [{ response }]),
  );
  const account = await on("a", accountStatus);
  const ok = finish.result?.ok === true && account === "200";
  return {
    ok,
    line: `passkey: challenge from A, assertion accepted by B (${JSON.stringify(finish.result)}), /account on A ${account}`,
  };
}

async function rateLimitAcrossInstances(proxy: Proxy): Promise<CheckLine> {
  const ip = "10.250.0.1";
  const call = (url: string) =>
    fetch(`${url}/api/v1/orders/SO-none`, {
      method: "PUT",
      headers: {
        authorization: "Bearer kp_guess_wrong",
        "content-type": "application/json",
        "x-forwarded-for": ip,
      },
      body: "{}",
    }).then(async (r) => (await r.arrayBuffer(), r.status));
  const onA: number[] = [];
  for (let n = 0; n < 30; n++) onA.push(await call(proxy.a));
  const onB = await call(proxy.b);
  const ok = onA.every((s) => s === 401) && onB === 429;
  return {
    ok,
    line: `rate limit: 30 keyless calls from ${ip} on A (${[...new Set(onA)].join("/")}), the 31st on B: ${onB}`,
  };
}

export async function checkSharedState(proxy: Proxy, passkeys: BenchPasskey[]): Promise<CheckLine[]> {
  const pools: Pools = { a: createPool(proxy.a, 2), b: createPool(proxy.b, 2) };
  const origin = proxy.rr;
  try {
    return [
      await sessionAcrossInstances(pools, origin),
      await passkeyChallengeAcrossInstances(pools, origin, passkeys[0]!),
      await rateLimitAcrossInstances(proxy),
    ];
  } finally {
    await Promise.all([pools.a.close(), pools.b.close()]);
  }
}
