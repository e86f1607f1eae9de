/**
 * Session fixation, revocation and cookie flags (ASVS V7.2, V7.3, V7.4, V3.3): every way a
 * session ends is checked by the server's answer to the old cookie, not by the database row.
 */
import { e2eDb } from "../e2e/support/users";
import { createActor, createSession, PASSWORD, sessionWorks, signedInClient } from "./support/actors";
import { Coverage } from "./support/coverage";
import { mailedLink, signIn, signInWithMailedCode, tokenOf } from "./support/flows";
import { APP_ORIGIN, clientIp, PortalClient } from "./support/portal-client";
import { expect, test } from "./fixtures";

const coverage = new Coverage("sessions");
test.afterAll(() => coverage.report());

test.describe("fixation", () => {
  test("[ATTACKER] a session cookie planted before sign-in is not the session after it", async () => {
    const attacker = await createActor("CUSTOMER");
    const victim = await createActor("CUSTOMER");
    const planted = await createSession(attacker.id);
    const browser = new PortalClient(clientIp("fixation"), { sessionToken: planted.token });

    const reply = await signIn(browser, victim.email, PASSWORD);
    expect(reply.redirect).toBe("/account");
    const issued = browser.sessionToken!;
    expect(issued).not.toBe(planted.token);
    // The planted token still opens only the attacker's own session, never the victim's.
    const plantedRow = await e2eDb().session.findFirstOrThrow({ where: { id: planted.sessionId } });
    expect(plantedRow.userId).toBe(attacker.id);
    expect(await sessionWorks(issued)).toBe(true);
    coverage.add("fixation paths");
  });

  test("[ATTACKER] an invented cookie value is replaced, not adopted, at sign-in", async () => {
    const victim = await createActor("CUSTOMER");
    const browser = new PortalClient(clientIp("fixation-invented"));
    const invented = "a".repeat(43);
    browser.cookies.set("portal_session", invented);
    await signIn(browser, victim.email, PASSWORD);
    expect(browser.sessionToken).not.toBe(invented);
    expect(await sessionWorks(invented)).toBe(false);
    coverage.add("fixation paths");
  });

  test("[ATTACKER] the second step issues a new token, not the one planted before it", async () => {
    const staff = await createActor("SUPPORT");
    const planted = await createSession((await createActor("CUSTOMER")).id);
    const browser = new PortalClient(clientIp("fixation-2fa"), { sessionToken: planted.token });
    const { second } = await signInWithMailedCode(browser, staff.email, PASSWORD);
    // Staff land on their console (docs/decisions/0040).
    expect(second.redirect).toBe("/support");
    expect(browser.sessionToken).not.toBe(planted.token);
    const row = await e2eDb().session.findFirstOrThrow({ where: { id: planted.sessionId } });
    expect(row.userId).not.toBe(staff.id);
    coverage.add("fixation paths");
  });

  // Finding 5 (issue 10): step-up kept the session token; now it issues a new one (decision 0025).
  test("step-up rotates the session token", async () => {
    const customer = await createActor("CUSTOMER");
    const { client } = await signedInClient(customer.id, { stale: true });
    const before = client.sessionToken!;
    const reply = await client.action("stepUpWithPasswordAction", [{ password: PASSWORD }]);
    expect(reply.result?.ok).toBe(true);
    expect(client.sessionToken).not.toBe(before);
    expect(await sessionWorks(before)).toBe(false);
    expect(await sessionWorks(client.sessionToken!)).toBe(true);
    coverage.add("fixation paths");
  });
});

test.describe("revocation: the old cookie is refused by the server", () => {
  test("[CUSTOMER] signs out: this cookie no longer works", async () => {
    const customer = await createActor("CUSTOMER");
    const { client } = await signedInClient(customer.id);
    const token = client.sessionToken!;
    expect(await sessionWorks(token)).toBe(true);
    // The header's plain form (app/logout): a new document, and the browser's cache emptied.
    const response = await client.fetch("/logout", { method: "POST", headers: { Origin: APP_ORIGIN } });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${APP_ORIGIN}/login`);
    expect(response.headers.get("clear-site-data")).toBe('"cache"');
    expect(client.sessionToken, "the cookie is cleared").toBeUndefined();
    expect(await sessionWorks(token)).toBe(false);
    coverage.add("revocation paths");
  });

  test("[ATTACKER] a cross-site post to /logout signs nobody out", async () => {
    const customer = await createActor("CUSTOMER");
    const { client } = await signedInClient(customer.id);
    // Even with the cookie (a browser would not send it cross-site: SameSite=Lax).
    const response = await client.fetch("/logout", {
      method: "POST",
      headers: { Origin: "https://evil.example" },
    });
    expect(response.status).toBe(403);
    expect(await sessionWorks(client.sessionToken!)).toBe(true);
  });

  test("[CUSTOMER] signs out one other device and all others", async () => {
    const customer = await createActor("CUSTOMER");
    const { client } = await signedInClient(customer.id);
    const one = await createSession(customer.id);
    const two = await createSession(customer.id);
    const three = await createSession(customer.id);
    await client.formAction("signOutSessionAction", { sessionId: one.sessionId });
    expect(await sessionWorks(one.token)).toBe(false);
    expect(await sessionWorks(two.token)).toBe(true);
    const reply = await client.action("signOutOtherSessionsAction", []);
    expect(reply.redirect).toMatch(/notice=others-signed-out&count=2$/);
    expect(await sessionWorks(two.token)).toBe(false);
    expect(await sessionWorks(three.token)).toBe(false);
    expect(await sessionWorks(client.sessionToken!)).toBe(true);
    coverage.add("revocation paths", 2);
  });

  test("[CUSTOMER] changes the password: every other session ends", async () => {
    const customer = await createActor("CUSTOMER");
    const { client } = await signedInClient(customer.id);
    const other = await createSession(customer.id);
    const reply = await client.action("changePasswordAction", [{ newPassword: "Ein ganz neuer Satz 2026!" }]);
    expect(reply.result).toMatchObject({ ok: true, data: { sessionsRevoked: 1 } });
    expect(await sessionWorks(other.token)).toBe(false);
    expect(await sessionWorks(client.sessionToken!)).toBe(true);
    coverage.add("revocation paths");
  });

  test("[CUSTOMER] resets the password by mail: every session ends", async () => {
    const customer = await createActor("CUSTOMER");
    const sessions = [await createSession(customer.id), await createSession(customer.id)];
    const anonymous = new PortalClient(clientIp("reset"));
    const since = new Date();
    await anonymous.action("requestPasswordReset", [{ email: customer.email }]);
    const { token } = tokenOf(await mailedLink(customer.email, since, /Zurücksetzen/, "/reset-password"));
    const reply = await anonymous.action("resetPassword", [{ token, password: "Ein ganz neuer Satz 2026!" }]);
    expect(reply.redirect).toBe("/login?reset=1");
    for (const s of sessions) expect(await sessionWorks(s.token)).toBe(false);
    coverage.add("revocation paths");
  });

  test("[CUSTOMER] asks to delete the account: every session ends", async () => {
    const customer = await createActor("CUSTOMER");
    const { client } = await signedInClient(customer.id);
    const other = await createSession(customer.id);
    const own = client.sessionToken!;
    const reply = await client.action("requestDeletionAction", [{ confirmed: true }]);
    // The form goes on through POST /logout (decision 0028); the cookie is cleared already.
    expect(reply.result).toMatchObject({ ok: true, data: { signedOut: true } });
    expect(client.sessionToken).toBeUndefined();
    expect(await sessionWorks(other.token)).toBe(false);
    expect(await sessionWorks(own)).toBe(false);
    coverage.add("revocation paths");
  });

  test("a locked account's sessions stop working at once", async () => {
    const customer = await createActor("CUSTOMER");
    const { token } = await createSession(customer.id);
    await e2eDb().user.update({
      where: { id: customer.id },
      data: { status: "LOCKED", lockedAt: new Date() },
    });
    expect(await sessionWorks(token)).toBe(false);
    coverage.add("revocation paths");
  });

  test("idle and absolute timeouts end the session on the server", async () => {
    const customer = await createActor("CUSTOMER");
    const idle = await createSession(customer.id);
    const absolute = await createSession(customer.id);
    const past = new Date(Date.now() - 1000);
    await e2eDb().session.update({ where: { id: idle.sessionId }, data: { idleExpiresAt: past } });
    await e2eDb().session.update({ where: { id: absolute.sessionId }, data: { absoluteExpiresAt: past } });
    expect(await sessionWorks(idle.token)).toBe(false);
    expect(await sessionWorks(absolute.token)).toBe(false);
    coverage.add("revocation paths", 2);
  });
});

test.describe("cookie flags", () => {
  function sessionCookieLine(client: PortalClient): string {
    const line = client.setCookieLines.findLast((l) => /^(__Host-)?portal_session=./.test(l));
    if (!line) throw new Error(`no session cookie set (got: ${client.setCookieLines.join(" | ")})`);
    return line;
  }

  test("the session cookie is HttpOnly, SameSite=Lax, whole-site, a browser-session cookie", async () => {
    const customer = await createActor("CUSTOMER");
    const client = new PortalClient(clientIp("cookies"));
    const reply = await signIn(client, customer.email, PASSWORD);
    const line = sessionCookieLine(client);
    expect(line).toMatch(/;\s*HttpOnly/i);
    expect(line).toMatch(/;\s*SameSite=Lax/i);
    expect(line).toMatch(/;\s*Path=\//i);
    expect(line).not.toMatch(/Expires|Max-Age/i);
    // The token travels only in Set-Cookie: never in the body or another header (ASVS 3.3.4).
    const token = client.sessionToken!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43,}$/); // 256 random bits
    expect(reply.body).not.toContain(token);
    for (const [name, value] of reply.headers) if (name !== "set-cookie") expect(value).not.toContain(token);
    const device = client.setCookieLines.find((l) => l.startsWith("portal_device="))!;
    expect(device).toMatch(/;\s*HttpOnly/i);
    coverage.add("cookie checks");
  });

  test("with remember me the cookie lives no longer than the session's absolute lifetime", async () => {
    const customer = await createActor("CUSTOMER");
    const client = new PortalClient(clientIp("cookies-remember"));
    await signIn(client, customer.email, PASSWORD, { rememberMe: true });
    const expires = /Expires=([^;]+)/i.exec(sessionCookieLine(client))?.[1];
    expect(expires).toBeTruthy();
    const days = (new Date(expires!).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(0);
    expect(days).toBeLessThanOrEqual(30.01);
    coverage.add("cookie checks");
  });

  test("deployment mode: the session cookie is Secure", async ({ deployment }) => {
    const customer = await createActor("CUSTOMER");
    const client = new PortalClient(clientIp("cookies-https"), {
      baseUrl: deployment.baseUrl,
      origin: deployment.origin,
      headers: deployment.balancerHeaders,
    });
    const reply = await signIn(client, customer.email, PASSWORD);
    expect(reply.redirect).toBe("/account");
    const line = sessionCookieLine(client);
    expect(line).toMatch(/;\s*Secure/i);
    expect(line).toMatch(/;\s*HttpOnly/i);
    expect(line).toMatch(/;\s*SameSite=Lax/i);
    coverage.add("cookie checks");
  });

  // Finding 5 (issue 10): the cookie had no __Host- prefix in deployment mode (decision 0025).
  test("deployment mode: the session cookie carries the __Host- prefix", async ({ deployment }) => {
    const customer = await createActor("CUSTOMER");
    const client = new PortalClient(clientIp("cookies-host"), {
      baseUrl: deployment.baseUrl,
      origin: deployment.origin,
      headers: deployment.balancerHeaders,
    });
    await signIn(client, customer.email, PASSWORD);
    const line = sessionCookieLine(client);
    expect(line).toMatch(/^__Host-portal_session=/);
    expect(line).toMatch(/;\s*Path=\/(;|$)/i);
    expect(line).toMatch(/;\s*Secure/i);
    expect(line).not.toMatch(/;\s*Domain=/i);
    coverage.add("cookie checks");
  });
});
