/**
 * Every link and code the portal mails (and the social-link token it hands out), taken from the
 * real mail where there is one: used twice, the second use is refused; expired, it is refused;
 * refused means nothing changed (ASVS 6.4.1, 6.5.1, 6.5.5).
 */
import { hashToken } from "../../lib/server/crypto/token-hash";
import { e2eDb, uniqueEmail } from "../e2e/support/users";
import { createActor, createSession, PASSWORD, signedInClient } from "./support/actors";
import { Coverage } from "./support/coverage";
import { mailedCode, mailedLink, signIn, tokenOf } from "./support/flows";
import { clientIp, PortalClient } from "./support/portal-client";
import { expect, test } from "./fixtures";

const coverage = new Coverage("mailed-links");
test.afterAll(() => coverage.report());

const anonymous = () => new PortalClient(clientIp("mail-reader"));

/** Ages a mailed token (stored as its SHA-256) past its expiry. */
async function expire(token: string): Promise<void> {
  const { count } = await e2eDb().verificationToken.updateMany({
    where: { tokenHash: hashToken(token) },
    data: { expiresAt: new Date(Date.now() - 1000) },
  });
  expect(count, "the mailed token is a stored one").toBe(1);
}

/** What the page shows (scripts removed: they carry the whole message catalogue). */
async function pageText(path: string): Promise<string> {
  const html = await (await anonymous().fetch(path)).text();
  return html.replace(/<script[\s\S]*?<\/script>/g, "").replace(/<[^>]+>/g, " ");
}

/** The button of /verify-email (a plain form post): opening the link alone changes nothing. */
const confirmEmailLink = async (token: string) =>
  (await anonymous().formAction("confirmEmailLinkAction", { token })).redirect;

test("[ATTACKER] the verification link works once and not after its expiry", async () => {
  const first = await createActor("CUSTOMER", { verified: false });
  const { client } = await signedInClient(first.id);
  let since = new Date();
  await client.action("resendVerificationAction", []);
  const used = tokenOf(
    await mailedLink(first.email, since, /Bitte bestätigen Sie Ihre E-Mail/, "/verify-email"),
  );
  expect(await pageText(used.path)).toContain("E-Mail-Adresse bestätigen");
  // Not the registering browser: on to the sign-in form with the address (docs/decisions/0056).
  expect(await confirmEmailLink(used.token)).toBe(
    `/login?confirmed=1&email=${encodeURIComponent(first.email)}`,
  );
  expect(await confirmEmailLink(used.token)).toBe("/verify-email?status=invalid");
  expect(await pageText(used.path), "a used link offers no button").not.toContain("Das war ich nicht");

  const second = await createActor("CUSTOMER", { verified: false });
  since = new Date();
  await (await signedInClient(second.id)).client.action("resendVerificationAction", []);
  const old = tokenOf(
    await mailedLink(second.email, since, /Bitte bestätigen Sie Ihre E-Mail/, "/verify-email"),
  );
  await expire(old.token);
  expect(await confirmEmailLink(old.token)).toBe("/verify-email?status=invalid");
  expect((await e2eDb().user.findUniqueOrThrow({ where: { id: second.id } })).emailVerifiedAt).toBeNull();
  coverage.add("mailed links", 1);
});

test("[ATTACKER] the reset link works once and not after its expiry", async () => {
  const customer = await createActor("CUSTOMER");
  const request = async () => {
    const since = new Date();
    await anonymous().action("requestPasswordReset", [{ email: customer.email }]);
    return tokenOf(await mailedLink(customer.email, since, /Zurücksetzen/, "/reset-password"));
  };
  const reset = (token: string, password: string) =>
    anonymous().action("resetPassword", [{ token, password }]);
  const used = await request();
  expect((await reset(used.token, "Erstes neues Passwort 2026")).redirect).toBe("/login?reset=1");
  expect((await reset(used.token, "Zweites neues Passwort 2026")).result?.code).toBe("NOT_FOUND");

  const old = await request();
  await expire(old.token);
  expect(await pageText(old.path)).toContain("Dieser Link ist ungültig");
  expect((await reset(old.token, "Drittes neues Passwort 2026")).result?.code).toBe("NOT_FOUND");
  coverage.add("mailed links");
});

test("[ATTACKER] the email-change link works once and not after its expiry", async () => {
  const change = async () => {
    const customer = await createActor("CUSTOMER");
    const { client } = await signedInClient(customer.id);
    const newEmail = uniqueEmail("neu");
    const since = new Date();
    await client.action("changeEmailAction", [{ newEmail }]);
    const link = tokenOf(await mailedLink(newEmail, since, /neue E-Mail-Adresse/, "/verify-email"));
    return { customer, newEmail, link };
  };
  const done = await change();
  expect(await pageText(done.link.path)).toContain("Neue E-Mail-Adresse bestätigen");
  expect(await confirmEmailLink(done.link.token)).toBe("/verify-email?status=email-changed");
  expect((await e2eDb().user.findUniqueOrThrow({ where: { id: done.customer.id } })).email).toBe(
    done.newEmail,
  );
  expect(await confirmEmailLink(done.link.token)).toBe("/verify-email?status=invalid");

  const stale = await change();
  await expire(stale.link.token);
  expect(await confirmEmailLink(stale.link.token)).toBe("/verify-email?status=invalid");
  expect((await e2eDb().user.findUniqueOrThrow({ where: { id: stale.customer.id } })).email).toBe(
    stale.customer.email,
  );
  coverage.add("mailed links");
});

test("[ATTACKER] the newsletter confirmation works once and not after its expiry", async () => {
  const subscribe = async () => {
    const customer = await createActor("CUSTOMER");
    const { client } = await signedInClient(customer.id);
    const since = new Date();
    await client.action("updateCommunicationPreferencesAction", [
      { topics: ["offers"], email: true, push: false, sms: false, frequency: "WEEKLY" },
    ]);
    return {
      customer,
      link: tokenOf(await mailedLink(customer.email, since, /Newsletter-Anmeldung/, "/newsletter/confirm")),
    };
  };
  const confirm = (token: string) => anonymous().formAction("confirmNewsletterAction", { token });
  const done = await subscribe();
  expect((await confirm(done.link.token)).redirect).toBe("/newsletter/confirm?status=confirmed");
  expect((await confirm(done.link.token)).redirect).toBe("/newsletter/confirm?status=invalid");

  const stale = await subscribe();
  await expire(stale.link.token);
  expect((await confirm(stale.link.token)).redirect).toBe("/newsletter/confirm?status=invalid");
  const subscription = await e2eDb().topicSubscription.findFirstOrThrow({
    where: { userId: stale.customer.id },
  });
  expect(subscription.status).toBe("PENDING_CONFIRMATION");
  coverage.add("mailed links");
});

test("[ATTACKER] the unsubscribe link only ever unsubscribes its own reader, and cannot be altered", async () => {
  // RFC 8058: the link in every marketing mail keeps working, so it neither expires nor wears out;
  // what holds is that it is bound to one person and can do nothing but unsubscribe them.
  const customer = await createActor("CUSTOMER");
  const other = await createActor("CUSTOMER");
  for (const person of [customer, other])
    await e2eDb().topicSubscription.create({
      data: { userId: person.id, topicKey: "offers", status: "ACTIVE" },
    });
  const { client } = await signedInClient(customer.id);
  let since = new Date();
  await client.action("updateCommunicationPreferencesAction", [
    { topics: ["offers", "new_products"], email: true, push: false, sms: false, frequency: "WEEKLY" },
  ]);
  const confirm = tokenOf(
    await mailedLink(customer.email, since, /Newsletter-Anmeldung/, "/newsletter/confirm"),
  );
  since = new Date();
  await anonymous().formAction("confirmNewsletterAction", { token: confirm.token });
  const { token } = tokenOf(await mailedLink(customer.email, since, /Willkommen/, "/newsletter/unsubscribe"));
  const unsubscribe = (t: string) => anonymous().formAction("unsubscribeNewsletterAction", { token: t });

  const altered = token.replace(customer.id, other.id);
  expect((await unsubscribe(altered)).redirect).toBe("/newsletter/unsubscribe/confirm?status=invalid");
  expect((await unsubscribe(token)).redirect).toBe("/newsletter/unsubscribe/confirm?status=done");
  expect((await unsubscribe(token)).redirect).toBe("/newsletter/unsubscribe/confirm?status=done");
  const statuses = async (userId: string) =>
    (await e2eDb().topicSubscription.findMany({ where: { userId } })).map((s) => s.status);
  expect(await statuses(customer.id)).not.toContain("ACTIVE");
  expect(await statuses(other.id)).toEqual(["ACTIVE"]);
  coverage.add("mailed links");
});

test("[ATTACKER] a data-export download link works once, for its owner, until it expires", async () => {
  const prepare = async () => {
    const customer = await createActor("CUSTOMER");
    const { client } = await signedInClient(customer.id);
    const reply = await client.action("requestDataExportAction", []);
    return { client, links: (reply.result!.data as { links: { json: string; html: string } }).links };
  };
  const { client, links } = await prepare();
  const download = await client.fetch(links.json);
  expect(download.status).toBe(200);
  // A download, never rendered in the portal's origin (ASVS 3.2.1).
  expect(download.headers.get("content-disposition")).toMatch(/^attachment;/);
  expect(download.headers.get("cache-control")).toBe("no-store");
  const again = await client.fetch(links.json);
  expect(again.headers.get("location")).toMatch(/\/account\/privacy\?export=link-invalid$/);

  const stale = await prepare();
  await expire(new URL(stale.links.html, "http://x").searchParams.get("token")!);
  expect((await stale.client.fetch(stale.links.html)).headers.get("location")).toMatch(
    /export=link-invalid$/,
  );
  coverage.add("mailed links");
});

test("[ATTACKER] the social-link token works once and not after its expiry", async () => {
  const issue = async () => {
    const customer = await createActor("CUSTOMER");
    const token = `link-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    await e2eDb().verificationToken.create({
      data: {
        tokenHash: hashToken(token),
        purpose: "SOCIAL_LINK",
        userId: customer.id,
        payload: { provider: "testidp", subject: `sub-${token}`, email: customer.email },
        expiresAt: new Date(Date.now() + 15 * 60_000),
      },
    });
    return { customer, token };
  };
  const link = (token: string) =>
    anonymous().action("linkSocialAccountAction", [{ token, password: PASSWORD }]);
  const used = await issue();
  expect((await link(used.token)).redirect).toBe("/account");
  expect((await link(used.token)).result?.code).toBe("NOT_FOUND");

  const stale = await issue();
  await expire(stale.token);
  expect((await link(stale.token)).result?.code).toBe("NOT_FOUND");
  expect(await e2eDb().socialIdentity.count({ where: { userId: stale.customer.id } })).toBe(0);
  coverage.add("mailed links");
});

test("[ATTACKER] a mailed step-up code works once and not after its expiry", async () => {
  const customer = await createActor("CUSTOMER", { withPassword: false });
  const session = await createSession(customer.id, { stale: true });
  const client = new PortalClient(clientIp("code"), { sessionToken: session.token });
  let since = new Date();
  await client.action("sendStepUpCodeAction", []);
  const code = await mailedCode(customer.email, since);
  expect((await client.action("stepUpWithEmailCodeAction", [{ code }])).result?.ok).toBe(true);
  await e2eDb().session.update({ where: { id: session.sessionId }, data: { authenticatedAt: new Date(0) } });
  expect((await client.action("stepUpWithEmailCodeAction", [{ code }])).result?.ok).toBe(false);

  since = new Date();
  await client.action("sendStepUpCodeAction", []);
  const late = await mailedCode(customer.email, since);
  await e2eDb().emailOneTimeCode.updateMany({
    where: { sessionId: session.sessionId, consumedAt: null },
    data: { expiresAt: new Date(Date.now() - 1000) },
  });
  expect((await client.action("stepUpWithEmailCodeAction", [{ code: late }])).result?.ok).toBe(false);
  coverage.add("mailed codes");
});

test("[ATTACKER] a mailed sign-in code works only for the sign-in it was mailed for", async () => {
  const staff = await createActor("SUPPORT");
  const mine = new PortalClient(clientIp("own-sign-in"));
  const theirs = new PortalClient(clientIp("other-sign-in"));
  let since = new Date();
  await signIn(mine, staff.email, PASSWORD);
  const mineCode = await mailedCode(staff.email, since);
  since = new Date();
  await signIn(theirs, staff.email, PASSWORD);
  await mailedCode(staff.email, since);
  // The first sign-in's code, tried on the second pending sign-in: refused, no session.
  const reply = await theirs.action("verifySecondFactorAction", [{ method: "EMAIL_CODE", code: mineCode }]);
  expect(reply.result?.ok).toBe(false);
  expect(theirs.sessionToken).toBeUndefined();
  coverage.add("mailed codes");
});

// Finding 5 (issue 10): a reset link stayed valid after the address or the password changed; now
// every mailed link dies with the change it predates (decision 0019).
test("[ATTACKER] a reset link mailed before an email change is refused after it", async () => {
  const customer = await createActor("CUSTOMER");
  let since = new Date();
  await anonymous().action("requestPasswordReset", [{ email: customer.email }]);
  const reset = tokenOf(await mailedLink(customer.email, since, /Zurücksetzen/, "/reset-password"));
  const { client } = await signedInClient(customer.id);
  const newEmail = uniqueEmail("neu");
  since = new Date();
  await client.action("changeEmailAction", [{ newEmail }]);
  const confirm = tokenOf(await mailedLink(newEmail, since, /neue E-Mail-Adresse/, "/verify-email"));
  expect(await confirmEmailLink(confirm.token)).toBe("/verify-email?status=email-changed");
  const reply = await anonymous().action("resetPassword", [
    { token: reset.token, password: "Vom Angreifer 2026!" },
  ]);
  expect(reply.result?.code).toBe("NOT_FOUND");
  coverage.add("mailed links");
});

// Finding 5 (issue 10), second half: the same after a password change.
test("[ATTACKER] a reset link mailed before a password change is refused after it", async () => {
  const customer = await createActor("CUSTOMER");
  const since = new Date();
  await anonymous().action("requestPasswordReset", [{ email: customer.email }]);
  const reset = tokenOf(await mailedLink(customer.email, since, /Zurücksetzen/, "/reset-password"));
  const { client } = await signedInClient(customer.id);
  const changed = await client.action("changePasswordAction", [{ newPassword: "Ein ganz neuer Satz 2026" }]);
  expect(changed.result?.ok, "the change itself went through").toBe(true);
  const reply = await anonymous().action("resetPassword", [
    { token: reset.token, password: "Vom Angreifer 2026!" },
  ]);
  expect(reply.result?.code).toBe("NOT_FOUND");
  coverage.add("mailed links");
});
