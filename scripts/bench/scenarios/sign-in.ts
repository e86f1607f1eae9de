/**
 * Scenarios 2 and 3: password and passkey sign-ins over HTTP, as Chromium makes them against the
 * production server, each by a customer from their own address and known browser.
 *
 * Password, "request alone": the server action POST of the sign-in form. Next.js renders the page
 * the action redirects to (/account) into that same response (x-action-redirect), and the browser
 * shows it without another request; so this already includes the landing page's render.
 * Password, "whole flow": GET /login (document), the POST, and the landing page as its own request
 * only if the action stops redirecting and returns a path instead (the form then navigates).
 * Passkey, "request alone": options (server action), the assertion signed by a software
 * authenticator, the finishing action. "Whole flow": GET /login, those, and the landing page
 * fetched as the client router does after router.replace (RSC).
 */
import { SoftwarePasskey } from "../../../tests/security/support/software-passkey";
import { actionId, Browser, createPool, type ActionOutcome } from "../browser";
import { BENCH_PASSWORD, customer } from "../customers";
import { timed, type Operation } from "../load-loop";
import { cycle, measureLoad, type LoadSummary } from "../measure";
import type { Portal } from "../portal";

export type SignInOptions = { concurrency: number; runs: number; seconds: number };

export type SignInResult = {
  requestAlone: LoadSummary;
  wholeFlow: LoadSummary;
  /** Bytes of the sign-in action's response (compressed as sent), i.e. whether it carries a page. */
  actionResponseBytes: number;
};

const LOGIN = "/login";

function describe(outcome: ActionOutcome): string {
  return `status ${outcome.status}, ${outcome.redirect ? `redirect ${outcome.redirect}` : `result ${JSON.stringify(outcome.result)}`}`;
}

function browserFor(portal: Portal, pool: ReturnType<typeof createPool>, i: number): Browser {
  const browser = new Browser(pool, portal.baseUrl, customer.ip(i));
  browser.cookies.set("portal_device", customer.deviceCookie(i));
  return browser;
}

async function landing(browser: Browser, outcome: ActionOutcome): Promise<number> {
  const target = (outcome.result?.data as { redirectTo?: string } | undefined)?.redirectTo;
  if (outcome.redirect || !target) return 0; // the page came with the action's response
  const [reply, ms] = await timed(() => browser.navigation(target));
  if (reply.status !== 200) throw new Error(`landing page ${target}: status ${reply.status}`);
  return ms;
}

export async function benchPasswordSignIn(
  portal: Portal,
  customers: number[],
  opts: SignInOptions,
): Promise<SignInResult> {
  const id = actionId("signInWithPassword");
  const pool = createPool(portal.baseUrl, opts.concurrency);
  let actionResponseBytes = 0;
  const signIn = async (browser: Browser, i: number) => {
    const args = [{ email: customer.email(i), password: BENCH_PASSWORD, rememberMe: false }];
    const [outcome, ms] = await timed(() => browser.action(LOGIN, id, args));
    const signedIn = outcome.redirect?.startsWith("/account") || outcome.result?.ok === true;
    if (!signedIn || !browser.cookies.has("portal_session"))
      throw new Error(`password sign-in of customer ${i}: ${describe(outcome)}`);
    actionResponseBytes = outcome.bytes;
    return { outcome, ms };
  };
  const nextCustomer = cycle(customers);
  const alone = (): Operation => async () => {
    const i = nextCustomer();
    const { ms } = await signIn(browserFor(portal, pool, i), i);
    return { signIn: ms };
  };
  const flow = (): Operation => async () => {
    const i = nextCustomer();
    const browser = browserFor(portal, pool, i);
    const [page, loginMs] = await timed(() => browser.document(LOGIN));
    if (page.status !== 200) throw new Error(`GET ${LOGIN}: status ${page.status}`);
    const { outcome, ms } = await signIn(browser, i);
    return { loginPage: loginMs, signIn: ms, landing: await landing(browser, outcome) };
  };
  try {
    const requestAlone = await measureLoad(portal, { ...opts, next: alone });
    const wholeFlow = await measureLoad(portal, { ...opts, next: flow });
    return { requestAlone, wholeFlow, actionResponseBytes };
  } finally {
    await pool.close();
  }
}

export type BenchPasskey = { index: number; authenticator: SoftwarePasskey };

/** Key pairs for the passkey customers, made before the seed (which stores the public keys). */
export function createPasskeys(indices: number[], origin: string): BenchPasskey[] {
  return indices.map((index) => ({ index, authenticator: new SoftwarePasskey(origin) }));
}

export async function benchPasskeySignIn(
  portal: Portal,
  passkeys: BenchPasskey[],
  opts: SignInOptions,
): Promise<SignInResult> {
  const startId = actionId("startPasskeySignInAction");
  const finishId = actionId("finishPasskeySignInAction");
  const pool = createPool(portal.baseUrl, opts.concurrency);
  let actionResponseBytes = 0;
  const signIn = async (browser: Browser, passkey: BenchPasskey) => {
    const [options, optionsMs] = await timed(() => browser.action(LOGIN, startId, []));
    const challenge = (options.result?.data as { challenge?: string } | undefined)?.challenge;
    if (!challenge) throw new Error(`passkey options for customer ${passkey.index}: ${describe(options)}`);
    const response = passkey.authenticator.assert(challenge, {
      userHandle: customer.webauthnUserId(passkey.index),
    });
    const [outcome, finishMs] = await timed(() => browser.action(LOGIN, finishId, [{ response }]));
    if (outcome.result?.ok !== true || !browser.cookies.has("portal_session"))
      throw new Error(`passkey sign-in of customer ${passkey.index}: ${describe(outcome)}`);
    actionResponseBytes = outcome.bytes;
    return { outcome, optionsMs, finishMs };
  };
  const nextPasskey = cycle(passkeys);
  const alone = (): Operation => async () => {
    const passkey = nextPasskey();
    const { optionsMs, finishMs } = await signIn(browserFor(portal, pool, passkey.index), passkey);
    return { options: optionsMs, finish: finishMs };
  };
  const flow = (): Operation => async () => {
    const passkey = nextPasskey();
    const browser = browserFor(portal, pool, passkey.index);
    const [page, loginMs] = await timed(() => browser.document(LOGIN));
    if (page.status !== 200) throw new Error(`GET ${LOGIN}: status ${page.status}`);
    const { outcome, optionsMs, finishMs } = await signIn(browser, passkey);
    return {
      loginPage: loginMs,
      options: optionsMs,
      finish: finishMs,
      landing: await landing(browser, outcome),
    };
  };
  try {
    const requestAlone = await measureLoad(portal, { ...opts, next: alone });
    const wholeFlow = await measureLoad(portal, { ...opts, next: flow });
    return { requestAlone, wholeFlow, actionResponseBytes };
  } finally {
    await pool.close();
  }
}
