/**
 * The owner gets in while strangers guess (docs/decisions/0022), on SQLite and
 * PostgreSQL. Guesses from unknown clients still meet the NIST bound; a browser that has signed in
 * to the account before has its own bucket, a passkey never meets the password throttle, and an
 * emailed unlock link lets the browser that opens it sign in once, past the account throttle.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { hashPassword } from "@/lib/server/passwords/password-hash";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { hashToken } from "@/lib/server/crypto/token-hash";
import { signInWithPassword } from "@/lib/server/identity/sign-in";
import { eraseAccount } from "@/lib/server/privacy/erasure";
import { redeemSignInUnlock, requestSignInUnlock } from "@/lib/server/identity/sign-in-unlock";
import { passkeyAuthenticationOptions } from "@/lib/server/passkeys/passkey-authentication";
import { signInWithPasskey } from "@/lib/server/passkeys/passkey-sign-in";
import { accountDeviceSubject, NIST_MAX_CONSECUTIVE_FAILURES } from "@/lib/config/rate-limits";
import { rateLimitIpSubject, rateLimitKey, recordRateLimitHit } from "@/lib/server/rate-limit/rate-limit";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { SoftwareAuthenticator } from "../support/software-authenticator";

type CapturedMail = { to: string; template: { name: string; data: Record<string, unknown> } };
const mails = vi.hoisted(() => [] as CapturedMail[]);
vi.mock("@/lib/server/identity/notify", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/server/identity/notify")>()),
  sendMailInBackground: (mail: CapturedMail) => void mails.push(mail),
}));

const db = createPrismaClient();
const PASSWORD = "Der Besitzer kommt trotzdem hinein";
const unique = () => randomBytes(6).toString("hex");
const clientFrom = (ip = `2001:db8:0a7e:${unique().slice(0, 4)}::1`): ClientInfo => ({
  ip,
  userAgent: "vitest",
  browser: "Firefox",
  os: "Linux",
  location: null,
});

async function owner() {
  const email = `owner.${unique()}@example.com`;
  const handle = randomBytes(16).toString("base64url");
  const authenticator = new SoftwareAuthenticator();
  const user = await db.user.create({
    data: {
      email,
      emailNormalized: email,
      emailVerifiedAt: new Date(),
      webauthnUserId: handle,
      roles: { create: { role: "CUSTOMER" } },
      passwordCredential: { create: { hash: await hashPassword(PASSWORD) } },
      passkeys: {
        create: {
          credentialId: authenticator.credentialId,
          publicKey: authenticator.publicKey,
          deviceType: "MULTI_DEVICE",
          backedUp: true,
          name: "Software",
        },
      },
    },
  });
  return { id: user.id, email, handle, authenticator };
}

const signIn = (email: string, deviceCookieId: string, client = clientFrom(), password = PASSWORD) =>
  signInWithPassword({ email, password, rememberMe: false, deviceCookieId, client });

/** 100 consecutive failures from strangers: the account is locked until a reset (NIST bound). */
async function lockAccount(email: string) {
  for (let i = 0; i < NIST_MAX_CONSECUTIVE_FAILURES; i++)
    await recordRateLimitHit({ policy: "signInAccount", subject: email }, { tx: db });
}

function unlockToken(to: string): string {
  const mail = mails.findLast((m) => m.to === to && m.template.name === "sign-in-unlock");
  if (!mail) throw new Error("no unlock mail");
  return new URL(String(mail.template.data.url)).searchParams.get("token")!;
}

beforeAll(() => vi.stubEnv("APP_URL", "http://localhost:3999"));
beforeEach(() => void mails.splice(0));
afterAll(async () => {
  vi.unstubAllEnvs();
  await db.$disconnect();
});

describe("the account throttle and the owner", () => {
  it("[ATTACKER] is still throttled without the device cookie, while the owner's known browser signs in", async () => {
    const o = await owner();
    const home = `home-${unique()}`;
    expect(await signIn(o.email, home)).toMatchObject({ ok: true });
    await lockAccount(o.email);

    // The right password from a browser that never signed in here: the NIST lock holds.
    expect(await signIn(o.email, `attacker-${unique()}`)).toMatchObject({
      ok: false,
      code: "RATE_LIMITED",
      untilReset: true,
    });
    // The owner's browser has its own bucket: the strangers' guesses do not lock it out.
    expect(await signIn(o.email, home)).toMatchObject({ ok: true });
  });

  it("[ATTACKER] a known browser's own wrong guesses are throttled in its own bucket", async () => {
    const o = await owner();
    const home = `home-${unique()}`;
    expect(await signIn(o.email, home)).toMatchObject({ ok: true });
    const results = [];
    for (let i = 0; i < 8; i++) results.push(await signIn(o.email, home, clientFrom(), `falsch ${i}`));
    expect(results.filter((r) => !r.ok && r.code === "RATE_LIMITED").length).toBeGreaterThan(0);
    // …and they cost the account bucket nothing: a stranger's first guess is not delayed.
    expect(await signIn(o.email, `other-${unique()}`, clientFrom(), "falsch")).toMatchObject({
      code: "INVALID_CREDENTIALS",
    });
  });

  it("erases the owner's browser buckets with the account", async () => {
    const o = await owner();
    const home = `home-${unique()}`;
    expect(await signIn(o.email, home)).toMatchObject({ ok: true });
    await signIn(o.email, home, clientFrom(), "falsch");
    const key = rateLimitKey("signInAccountDevice", accountDeviceSubject(o.id, hashToken(home)));
    expect(await db.rateLimitBucket.count({ where: { key } })).toBe(1);
    await db.user.update({
      where: { id: o.id },
      data: { status: "PENDING_DELETION", deletionScheduledFor: new Date(Date.now() - 1000) },
    });
    expect(await eraseAccount({ userId: o.id }, { tx: db })).not.toBeNull();
    expect(await db.rateLimitBucket.count({ where: { key } })).toBe(0);
  });

  it("never blocks a passkey sign-in with the password throttle", async () => {
    const o = await owner();
    const client = clientFrom();
    await lockAccount(o.email);
    // Password guesses from the owner's own network exhaust the IP's password bucket as well.
    for (let i = 0; i < 150; i++)
      await recordRateLimitHit({ policy: "signInIp", subject: rateLimitIpSubject(client.ip) }, { tx: db });
    expect(await signIn(o.email, `fresh-${unique()}`, client)).toMatchObject({ code: "RATE_LIMITED" });

    const options = await passkeyAuthenticationOptions({ tx: db });
    const response = o.authenticator.assert(options.challenge, { userHandle: o.handle });
    expect(await signInWithPasskey({ response, deviceCookieId: `pk-${unique()}`, client })).toMatchObject({
      ok: true,
      userId: o.id,
    });
  });
});

describe("the emailed unlock link", () => {
  it("lets only the browser that opened it sign in past the lock, once", async () => {
    const o = await owner();
    await lockAccount(o.email);
    expect(await requestSignInUnlock({ email: o.email, client: clientFrom() })).toEqual({ ok: true });
    const token = unlockToken(o.email);

    const browser = `browser-${unique()}`;
    expect(await redeemSignInUnlock({ token, deviceCookieId: browser, client: clientFrom() })).toMatchObject({
      ok: true,
    });
    // Single use: the same link in another browser does nothing.
    const other = `other-${unique()}`;
    expect(await redeemSignInUnlock({ token, deviceCookieId: other, client: clientFrom() })).toEqual({
      ok: false,
      code: "INVALID_LINK",
    });
    // [ATTACKER] another browser is still locked, even with the right password.
    expect(await signIn(o.email, other)).toMatchObject({ code: "RATE_LIMITED", untilReset: true });
    // The browser that opened the link gets in.
    expect(await signIn(o.email, browser)).toMatchObject({ ok: true });
    const pass = await db.signInPass.findFirstOrThrow({ where: { userId: o.id, kind: "THROTTLE_UNLOCK" } });
    expect(pass.usedAt).not.toBeNull();
    expect(await db.auditEvent.count({ where: { subjectUserId: o.id, type: "auth.sign_in_unlocked" } })).toBe(
      1,
    );
  });

  it("answers an unknown address like a known one and mails nobody", async () => {
    expect(
      await requestSignInUnlock({ email: `nobody.${unique()}@example.com`, client: clientFrom() }),
    ).toEqual({
      ok: true,
    });
    expect(mails).toEqual([]);
  });

  it("[ATTACKER] is refused when forged, expired, and after too many requests", async () => {
    const o = await owner();
    expect(
      await redeemSignInUnlock({ token: "forged-token", deviceCookieId: "b", client: clientFrom() }),
    ).toEqual({ ok: false, code: "INVALID_LINK" });

    await requestSignInUnlock({ email: o.email, client: clientFrom() });
    const token = unlockToken(o.email);
    await db.verificationToken.updateMany({
      where: { userId: o.id, purpose: "SIGN_IN_UNLOCK" },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await redeemSignInUnlock({ token, deviceCookieId: "b", client: clientFrom() })).toEqual({
      ok: false,
      code: "INVALID_LINK",
    });

    const results = [];
    for (let i = 0; i < 5; i++)
      results.push(await requestSignInUnlock({ email: o.email, client: clientFrom() }));
    expect(results.at(-1)).toMatchObject({ ok: false, code: "RATE_LIMITED" });
  });
});
