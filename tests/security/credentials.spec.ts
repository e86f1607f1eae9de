/**
 * Password handling as an attacker probes it (ASVS 6.2, 6.4.3): fields masked and open to password
 * managers, the password compared exactly as typed, long passphrases accepted, no forced rotation,
 * and a reset by mail that does not get past an authenticator app.
 */
import { e2eDb, uniqueEmail } from "../e2e/support/users";
import { createActor, PASSWORD, signedInClient } from "./support/actors";
import { Coverage } from "./support/coverage";
import { mailedLink, signIn, tokenOf } from "./support/flows";
import { clientIp, PortalClient } from "./support/portal-client";
import { enableTotp } from "./support/totp";
import { expect, test } from "./fixtures";

const coverage = new Coverage("credentials");
test.afterAll(() => coverage.report());

const fresh = () => new PortalClient(clientIp("credentials"));

test("[CUSTOMER] every password field is masked and open to password managers", async () => {
  const customer = await createActor("CUSTOMER");
  const { client } = await signedInClient(customer.id);
  const pages = [
    { client: fresh(), path: "/login", autocomplete: "current-password" },
    { client: fresh(), path: "/register", autocomplete: "new-password" },
    { client, path: "/account/security", autocomplete: "new-password" },
  ];
  for (const page of pages) {
    const html = await (await page.client.fetch(page.path)).text();
    const inputs = (html.match(/<input\b[^>]*>/g) ?? []).filter((tag) => /password/i.test(tag));
    expect(inputs.length, page.path).toBeGreaterThan(0);
    for (const input of inputs) {
      expect(input, page.path).toContain('type="password"');
      expect(input, page.path).toContain(`autoComplete="${page.autocomplete}"`);
      expect(input, page.path).not.toMatch(/onpaste|autocomplete="off"/i);
    }
    coverage.add("password fields");
  }
});

test("[ATTACKER] the password is compared exactly as typed: no case folding, trimming or truncation", async () => {
  const long = `${"Lange Passphrase für das Kundenkonto ".repeat(3)}Ende`;
  const customer = await createActor("CUSTOMER");
  const { client } = await signedInClient(customer.id);
  expect((await client.action("changePasswordAction", [{ newPassword: long }])).result?.ok).toBe(true);
  // Five near misses: the account's free failures, so the right password is judged afterwards.
  for (const near of [long.toUpperCase(), `${long} `, ` ${long}`, long.slice(0, 72), long.slice(0, -1)]) {
    expect((await signIn(fresh(), customer.email, near)).result?.code, JSON.stringify(near)).toBe(
      "UNAUTHENTICATED",
    );
  }
  // The exact password is accepted; after five failures the risk engine may ask a second factor.
  expect(["/account", "/login/verify"]).toContain((await signIn(fresh(), customer.email, long)).redirect);
  coverage.add("password comparisons", 6);
});

test("[CUSTOMER] registers and signs in with a 128-character passphrase", async () => {
  const email = uniqueEmail("lang");
  const passphrase = "Ein sehr langer Satz, den sich nur ein Passwortmanager merkt: ".padEnd(128, "x");
  expect(Array.from(passphrase)).toHaveLength(128);
  const reply = await fresh().action("registerAccount", [{ email, password: passphrase, acceptTerms: true }]);
  expect(reply.redirect).toBe("/register/check-email");
  expect((await signIn(fresh(), email, passphrase)).redirect).toBe("/account");
  coverage.add("password comparisons");
});

test("[CUSTOMER] a password set years ago still signs in: no forced rotation", async () => {
  const customer = await createActor("CUSTOMER");
  const years = new Date(Date.now() - 5 * 365 * 86_400_000);
  await e2eDb().passwordCredential.update({ where: { userId: customer.id }, data: { changedAt: years } });
  expect((await signIn(fresh(), customer.email, PASSWORD)).redirect).toBe("/account");
});

test("[ATTACKER] with the mailbox alone, a password reset does not get past the authenticator app", async () => {
  const customer = await createActor("CUSTOMER");
  const { client } = await signedInClient(customer.id);
  await enableTotp(client);
  const attacker = fresh();
  const since = new Date();
  await attacker.action("requestPasswordReset", [{ email: customer.email }]);
  const { token } = tokenOf(await mailedLink(customer.email, since, /Zurücksetzen/, "/reset-password"));
  const chosen = "Vom Angreifer gewählt 2026";
  expect((await attacker.action("resetPassword", [{ token, password: chosen }])).redirect).toBe(
    "/login?reset=1",
  );
  // The reset opened no session, and the new password leads to the second step, not into the account.
  expect(attacker.sessionToken).toBeUndefined();
  expect((await signIn(attacker, customer.email, chosen)).redirect).toBe("/login/verify");
  expect(attacker.sessionToken).toBeUndefined();
  coverage.add("recovery paths");
});
