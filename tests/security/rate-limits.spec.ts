/**
 * Parallel races on every limiter (lib/config/rate-limits.ts): N requests fired at once
 * must not get past a limiter more often than its policy allows, counted from the answers. A
 * policy without a race here fails the first test, so a new limiter cannot go unraced.
 */
import { failureSchedule, RATE_LIMIT_POLICIES, type RateLimitPolicyName } from "../../lib/config/rate-limits";
import { hashToken } from "../../lib/server/crypto/token-hash";
import { e2eDb } from "../e2e/support/users";
import { totpCode } from "../e2e/support/totp";
import { createActor, PASSWORD, signedInClient } from "./support/actors";
import { Coverage } from "./support/coverage";
import { clientIp, PortalClient } from "./support/portal-client";
import { RACES, type Attempt } from "./support/races";
import { PHONE_RACES } from "./support/races-phone";
import { REGISTRATION_RACES } from "./support/races-registration";
import { SIGN_IN_RACES } from "./support/races-sign-in";
import { API_RACES } from "./support/races-api";
import { RETURN_RACES } from "./support/races-returns";
import { enableTotp } from "./support/totp";
import { expect, test } from "./fixtures";

const coverage = new Coverage("rate-limits");
test.afterAll(() => coverage.report());

/**
 * The most attempts a policy lets through in a burst that lasted `seconds`: a window policy its
 * limit; a failure policy its free failures plus one, plus one more per wait that ran out meanwhile.
 */
function maxPasses(policy: RateLimitPolicyName, seconds: number): number {
  const rules = RATE_LIMIT_POLICIES[policy];
  if (rules.kind === "window") return rules.limit;
  let passes = rules.freeFailures + 1;
  let waited = 0;
  for (;;) {
    const wait = failureSchedule(rules, passes).waitSeconds;
    if (waited + wait > seconds) return passes;
    waited += wait;
    passes += 1;
  }
}

async function burst(attempt: Attempt, n: number) {
  const started = Date.now();
  const results = await Promise.all(Array.from({ length: n }, (_, i) => attempt(i)));
  return { passed: results.filter(Boolean).length, seconds: (Date.now() - started) / 1000 };
}

const ALL_RACES = [
  ...RACES,
  ...SIGN_IN_RACES,
  ...API_RACES,
  ...PHONE_RACES,
  ...REGISTRATION_RACES,
  ...RETURN_RACES,
];

test("every limiter in policies.ts has a parallel race here", () => {
  expect(ALL_RACES.map((r) => r.policy).sort()).toEqual(Object.keys(RATE_LIMIT_POLICIES).sort());
});

for (const race of ALL_RACES) {
  test(`[ATTACKER] ${race.burst} parallel ${race.what} get past ${race.policy} no more often than it allows`, async () => {
    const attempt = await race.prepare();
    const { passed, seconds } = await burst(attempt, race.burst);
    const allowed = maxPasses(race.policy, seconds);
    expect(allowed, "the burst must be larger than the limit, or it proves nothing").toBeLessThan(race.burst);
    expect(passed, `${passed} of ${race.burst} passed in ${seconds.toFixed(1)} s`).toBeLessThanOrEqual(
      allowed,
    );
    expect(passed, "the first attempts are not refused").toBeGreaterThanOrEqual(1);
    await race.after?.();
    coverage.add("limiters raced");
    coverage.add("parallel requests", race.burst);
  });
}

/** A social identity waiting to be linked to the account at /login/link (lib/server/identity/social-link.ts). */
async function socialLinkToken(userId: string, email: string): Promise<string> {
  const token = `sec-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  await e2eDb().verificationToken.create({
    data: {
      tokenHash: hashToken(token),
      purpose: "SOCIAL_LINK",
      userId,
      payload: { provider: "testidp", subject: `sub-${token}`, email },
      expiresAt: new Date(Date.now() + 15 * 60_000),
    },
  });
  return token;
}

// Finding 4 (issue 10): the password check at /login/link peeked at the limiter and recorded the
// failure afterwards, so a burst all passed the peek; now it counts before checking (decision 0020).
test("[ATTACKER] 20 parallel wrong passwords at /login/link get past signInAccount no more often than it allows", async () => {
  const victim = await createActor("CUSTOMER");
  const token = await socialLinkToken(victim.id, victim.email);
  const { passed, seconds } = await burst(async (i) => {
    const reply = await new PortalClient(clientIp(`link${i}`)).action("linkSocialAccountAction", [
      { token, password: `falsch-${i}` },
    ]);
    return reply.result?.code !== "RATE_LIMITED";
  }, 20);
  expect(passed).toBeLessThanOrEqual(maxPasses("signInAccount", seconds));
  coverage.add("parallel requests", 20);
});

// Finding 3 (issue 10): removing the authenticator app asked for the password in a form of its
// own, unthrottled. Now the only proof is the step-up with the account's strongest factor (here
// password and app), throttled per account like every step-up (decision 0024).
test("[ATTACKER] with the password but not the app, 15 parallel step-up guesses to remove the authenticator app are throttled and the app stays", async () => {
  const actor = await createActor("CUSTOMER");
  const { client } = await signedInClient(actor.id);
  const { secret } = await enableTotp(client);
  // The thief's session: signed in a minute ago with the password alone (it is known to them).
  const { client: thief } = await signedInClient(actor.id, { label: "thief" });
  expect((await thief.action("disableTotpAction", [])).result?.code).toBe("STEP_UP_REQUIRED");
  const current = await totpCode(secret);
  const { passed, seconds } = await burst(async (i) => {
    const guess = String(100000 + i) === current ? "999999" : String(100000 + i);
    const reply = await thief.action("stepUpWithPasswordAction", [{ password: PASSWORD, totpCode: guess }]);
    return reply.result?.code !== "RATE_LIMITED";
  }, 15);
  expect(passed).toBeLessThanOrEqual(maxPasses("stepUp", seconds));
  expect((await thief.action("disableTotpAction", [])).result?.code).toBe("STEP_UP_REQUIRED");
  const app = await e2eDb().totpFactor.findFirst({ where: { userId: actor.id } });
  expect(app?.confirmedAt, "the authenticator app is still on").toBeTruthy();
  coverage.add("parallel requests", 15);
});
