/**
 * Password and code guessing at the pace of a patient attacker (the parallel bursts are in
 * rate-limits.spec.ts): the per-account limit holds across every spelling of the address and
 * across client addresses, the per-IP limit across addresses (IPv6 by /64), the NIST bound of 100
 * consecutive failures locks until a reset, and a mailed code dies after five wrong tries.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { RATE_LIMIT_POLICIES } from "../../lib/config/rate-limits";
import { e2eDb, uniqueEmail } from "../e2e/support/users";
import { createActor, PASSWORD } from "./support/actors";
import { Coverage } from "./support/coverage";
import { mailedCode, mailedLink, signIn, tokenOf } from "./support/flows";
import { clientIp, PortalClient, type ActionReply } from "./support/portal-client";
import { expect, test } from "./fixtures";

const coverage = new Coverage("brute-force");
test.afterAll(() => coverage.report());

const limited = (reply: ActionReply) => reply.result?.code === "RATE_LIMITED";
const spellings = (email: string) => [
  email,
  email.toUpperCase(),
  `  ${email}  `,
  `\t${email[0]!.toUpperCase()}${email.slice(1)}`,
];

test("[ATTACKER] guessing one account's password from ever new addresses and spellings hits the account limit", async () => {
  const victim = await createActor("CUSTOMER");
  const free = RATE_LIMIT_POLICIES.signInAccount.freeFailures;
  const replies: ActionReply[] = [];
  for (let i = 0; i < free + 4; i++) {
    const spelling = spellings(victim.email)[i % 4]!;
    replies.push(await signIn(new PortalClient(clientIp(`guess${i}`)), spelling, `Rate ${i}`));
  }
  // The free attempts are judged; from the first wait on, every spelling is refused alike.
  expect(replies.slice(0, free + 1).map(limited)).toEqual(Array(free + 1).fill(false));
  expect(replies.slice(free + 1).map(limited)).toEqual([true, true, true]);
  coverage.add("guesses", replies.length);
});

test("[ATTACKER] guessing many accounts from one IP hits the IP limit", async () => {
  const ip = clientIp("sprayer");
  const free = RATE_LIMIT_POLICIES.signInIp.freeFailures;
  let judged = 0;
  for (let batch = 0; batch < 8; batch++) {
    const replies = await Promise.all(
      Array.from({ length: 5 }, () => signIn(new PortalClient(ip), uniqueEmail("spray"), "Sommer2026!")),
    );
    judged += replies.filter((r) => !limited(r)).length;
  }
  expect(judged).toBeLessThanOrEqual(free + 1);
  expect(judged).toBeGreaterThanOrEqual(free);
  coverage.add("guesses", 40);
});

test("[ATTACKER] rotating through one IPv6 /64 counts as one client", async () => {
  const prefix = `2001:db8:${createHash("sha256").update(String(Math.random())).digest("hex").slice(0, 4)}:1`;
  const free = RATE_LIMIT_POLICIES.signInIp.freeFailures;
  let judged = 0;
  for (let batch = 0; batch < 8; batch++) {
    const replies = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        signIn(
          new PortalClient(`${prefix}::${(batch * 5 + i + 1).toString(16)}`),
          uniqueEmail("v6"),
          "Sommer2026!",
        ),
      ),
    );
    judged += replies.filter((r) => !limited(r)).length;
  }
  expect(judged).toBeLessThanOrEqual(free + 1);
  coverage.add("guesses", 40);
});

test("[ATTACKER] the 100th consecutive failure locks the account until a password reset", async () => {
  const victim = await createActor("CUSTOMER");
  // 99 failures already (as a long, slow attack would leave them), the last wait over.
  const key = `signInAccount:${createHash("sha256").update(victim.email.toLowerCase()).digest("hex")}`;
  const past = new Date(Date.now() - 1000);
  await e2eDb().rateLimitBucket.create({
    data: {
      key,
      count: 99,
      consecutiveFailures: 99,
      windowStartedAt: past,
      lockedUntil: past,
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });
  const attacker = () => new PortalClient(clientIp("slow"));
  expect((await signIn(attacker(), victim.email, "Versuch 100")).result?.code).toBe("UNAUTHENTICATED");
  const locked = await signIn(attacker(), victim.email, "Versuch 101");
  expect(locked.result?.code).toBe("RATE_LIMITED");
  // Actions answer with catalog keys (lib/errors.ts); this one's sentence sends the owner to a reset.
  expect(locked.result?.message).toBe("auth.login.lockedUntilReset");
  const de = JSON.parse(readFileSync("messages/de.json", "utf8"));
  expect(de.auth.login.lockedUntilReset).toMatch(/Passwort .*zurück/);
  const bucket = await e2eDb().rateLimitBucket.findUniqueOrThrow({ where: { key } });
  expect(bucket.lockedUntil!.getTime() - Date.now()).toBeGreaterThan(300 * 86_400_000);

  // Proof of the mailbox (a reset) unlocks it; time alone never does.
  const since = new Date();
  await attacker().action("requestPasswordReset", [{ email: victim.email }]);
  const { token } = tokenOf(await mailedLink(victim.email, since, /Zurücksetzen/, "/reset-password"));
  const newPassword = "Nach der Sperre ein neues Passwort";
  await attacker().action("resetPassword", [{ token, password: newPassword }]);
  expect((await signIn(attacker(), victim.email, newPassword)).redirect).toBe("/account");
  coverage.add("guesses", 2);
});

test("[ATTACKER] a mailed sign-in code dies after five wrong guesses, even for the right code", async () => {
  const staff = await createActor("SUPPORT");
  const client = new PortalClient(clientIp("code-guess"));
  const since = new Date();
  expect((await signIn(client, staff.email, PASSWORD)).redirect).toBe("/login/verify");
  const code = await mailedCode(staff.email, since);
  const wrong = code === "000000" ? "111111" : "000000";
  for (let i = 0; i < 5; i++)
    await client.action("verifySecondFactorAction", [{ method: "EMAIL_CODE", code: wrong }]);
  const late = await client.action("verifySecondFactorAction", [{ method: "EMAIL_CODE", code }]);
  expect(late.result?.ok).toBe(false);
  expect(late.redirect).toBeNull();
  expect(client.sessionToken).toBeUndefined();
  coverage.add("guesses", 6);
});
