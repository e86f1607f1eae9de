/**
 * A way out of a risk block (docs/decisions/0021), on SQLite and PostgreSQL.
 * The block mail carries "Das war ich" (the next sign-in from the blocked browser continues with a
 * second factor instead of being blocked, once, for a limited time) and "Das war ich nicht" (every
 * session signed out, a password reset started). Both links are single use, expire and are bound
 * to their account and browser.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { hashPassword } from "@/lib/server/passwords/password-hash";
import { hashToken } from "@/lib/server/crypto/token-hash";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { confirmBlockedSignIn, reportBlockedSignIn } from "@/lib/server/identity/risk-release";
import { signInWithPassword } from "@/lib/server/identity/sign-in";
import { isTokenUsable } from "@/lib/server/identity/tokens";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { createTestSession } from "../support/test-session";

type CapturedMail = { to: string; template: { name: string; data: Record<string, unknown> } };
const mails = vi.hoisted(() => [] as CapturedMail[]);
vi.mock("@/lib/server/identity/notify", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/server/identity/notify")>()),
  sendMailInBackground: (mail: CapturedMail) => void mails.push(mail),
}));

const db = createPrismaClient();
const PASSWORD = "Das war wirklich ich in New York";
const BERLIN = { country: "DE", city: "Berlin", latitude: 52.52, longitude: 13.405 };
const NEW_YORK = { country: "US", city: "New York", latitude: 40.7128, longitude: -74.006 };
const unique = () => randomBytes(6).toString("hex");
const inNewYork = (): ClientInfo => ({
  ip: `2001:db8:4e7:${unique().slice(0, 4)}::1`,
  userAgent: "vitest",
  browser: "Safari",
  os: "macOS",
  location: NEW_YORK,
});

/** A customer who signed in from Berlin an hour ago: New York from a new browser is high risk. */
async function customer() {
  const email = `release.${unique()}@example.com`;
  const user = await db.user.create({
    data: {
      email,
      emailNormalized: email,
      emailVerifiedAt: new Date(),
      roles: { create: { role: "CUSTOMER" } },
      passwordCredential: { create: { hash: await hashPassword(PASSWORD) } },
    },
  });
  await db.signInAttempt.create({
    data: {
      userId: user.id,
      method: "PASSWORD",
      result: "SUCCEEDED",
      ip: "81.169.145.1",
      createdAt: new Date(Date.now() - 3_600_000),
      ...BERLIN,
    },
  });
  return { id: user.id, email };
}

const signIn = (email: string, deviceCookieId: string) =>
  signInWithPassword({ email, password: PASSWORD, rememberMe: false, deviceCookieId, client: inNewYork() });

/** Blocks a sign-in from `browser` and returns the two tokens of the block mail. */
async function blockedFrom(email: string, browser: string) {
  expect(await signIn(email, browser)).toMatchObject({ ok: false, code: "BLOCKED_BY_RISK" });
  const mail = mails.findLast((m) => m.to === email && m.template.name === "sign-in-blocked");
  if (!mail) throw new Error("no block mail");
  const token = (key: string) => new URL(String(mail.template.data[key])).searchParams.get("token")!;
  return { mail, itWasMe: token("itWasMeUrl"), notMe: token("notMeUrl") };
}

beforeAll(() => vi.stubEnv("APP_URL", "http://localhost:3999"));
beforeEach(() => void mails.splice(0));
afterAll(async () => {
  vi.unstubAllEnvs();
  await db.$disconnect();
});

describe("the block mail", () => {
  it("says why in words and carries both links", async () => {
    const c = await customer();
    const { mail } = await blockedFrom(c.email, `b-${unique()}`);
    expect(mail.template.data.reasons).toEqual(["NEW_DEVICE", "NEW_COUNTRY", "IMPOSSIBLE_TRAVEL"]);
    expect(String(mail.template.data.itWasMeUrl)).toMatch(
      /^http:\/\/localhost:3999\/login\/it-was-me\?token=/,
    );
    expect(String(mail.template.data.notMeUrl)).toMatch(/^http:\/\/localhost:3999\/login\/not-me\?token=/);
  });
});

describe('"Das war ich"', () => {
  it("lets the next sign-in from the blocked browser continue with a second factor, once", async () => {
    const c = await customer();
    const browser = `blocked-${unique()}`;
    const { itWasMe } = await blockedFrom(c.email, browser);

    expect(await confirmBlockedSignIn({ token: itWasMe, client: inNewYork() })).toMatchObject({ ok: true });
    // [ATTACKER] another browser with the right password is still blocked.
    expect(await signIn(c.email, `other-${unique()}`)).toMatchObject({ code: "BLOCKED_BY_RISK" });

    const released = await signIn(c.email, browser);
    if (released.ok || released.code !== "SECOND_FACTOR_REQUIRED")
      throw new Error(`got ${JSON.stringify(released)}`);
    const pending = await db.pendingSignIn.findUniqueOrThrow({
      where: { tokenHash: hashToken(released.pendingToken) },
    });
    expect(pending.allowedFactors).toEqual(["EMAIL_CODE"]);
    // The reasons /login/verify shows: the release, and what the engine found.
    expect(pending.reasons).toEqual(["RELEASED", "NEW_DEVICE", "NEW_COUNTRY", "IMPOSSIBLE_TRAVEL"]);

    // Once: the pass is spent, the next attempt from that browser is blocked again.
    expect(await signIn(c.email, browser)).toMatchObject({ code: "BLOCKED_BY_RISK" });
    const audit = await db.auditEvent.findMany({
      where: { subjectUserId: c.id, type: { in: ["auth.risk_block_released", "auth.risk_release_used"] } },
    });
    expect(audit.map((e) => e.type).sort()).toEqual(["auth.risk_block_released", "auth.risk_release_used"]);
  });

  it("[ATTACKER] a replayed, forged or expired link is refused kindly", async () => {
    const c = await customer();
    const browser = `blocked-${unique()}`;
    const { itWasMe } = await blockedFrom(c.email, browser);
    expect(await confirmBlockedSignIn({ token: itWasMe, client: inNewYork() })).toMatchObject({ ok: true });
    expect(await confirmBlockedSignIn({ token: itWasMe, client: inNewYork() })).toEqual({
      ok: false,
      code: "INVALID_LINK",
    });
    expect(await confirmBlockedSignIn({ token: "forged", client: inNewYork() })).toEqual({
      ok: false,
      code: "INVALID_LINK",
    });

    const second = await blockedFrom(c.email, `b2-${unique()}`);
    await db.verificationToken.updateMany({
      where: { tokenHash: hashToken(second.itWasMe) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await confirmBlockedSignIn({ token: second.itWasMe, client: inNewYork() })).toEqual({
      ok: false,
      code: "INVALID_LINK",
    });
  });

  it("expires: a release not used in time no longer lifts the block", async () => {
    const c = await customer();
    const browser = `blocked-${unique()}`;
    const { itWasMe } = await blockedFrom(c.email, browser);
    await confirmBlockedSignIn({ token: itWasMe, client: inNewYork() });
    await db.signInPass.updateMany({
      where: { userId: c.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await signIn(c.email, browser)).toMatchObject({ code: "BLOCKED_BY_RISK" });
  });
});

describe('"Das war ich nicht"', () => {
  it("signs out everywhere, voids the release and hands over a password reset", async () => {
    const c = await customer();
    const session = await createTestSession(db, c.id);
    const browser = `blocked-${unique()}`;
    const { itWasMe, notMe } = await blockedFrom(c.email, browser);

    const reported = await reportBlockedSignIn({ token: notMe, client: inNewYork() });
    if (!reported.ok) throw new Error(`report failed: ${reported.code}`);
    expect(reported.sessionsRevoked).toBe(1);
    expect(await db.session.findUniqueOrThrow({ where: { id: session.id } })).toMatchObject({
      revokedAt: expect.any(Date),
    });
    expect(await isTokenUsable({ token: reported.resetToken, purpose: "PASSWORD_RESET" }, { tx: db })).toBe(
      true,
    );
    // The attacker's browser cannot be released any more.
    expect(await confirmBlockedSignIn({ token: itWasMe, client: inNewYork() })).toEqual({
      ok: false,
      code: "INVALID_LINK",
    });
    // Replay: single use.
    expect(await reportBlockedSignIn({ token: notMe, client: inNewYork() })).toEqual({
      ok: false,
      code: "INVALID_LINK",
    });
    expect(
      await db.auditEvent.count({ where: { subjectUserId: c.id, type: "auth.risk_block_reported" } }),
    ).toBe(1);
  });

  it('still works after a hasty "Das war ich", and withdraws that release', async () => {
    const c = await customer();
    const browser = `blocked-${unique()}`;
    const { itWasMe, notMe } = await blockedFrom(c.email, browser);
    await confirmBlockedSignIn({ token: itWasMe, client: inNewYork() });
    expect(await reportBlockedSignIn({ token: notMe, client: inNewYork() })).toMatchObject({ ok: true });
    expect(await signIn(c.email, browser)).toMatchObject({ code: "BLOCKED_BY_RISK" });
  });

  it("[ATTACKER] one customer's link does nothing to another customer", async () => {
    const victim = await customer();
    const attacker = await customer();
    const attackersLinks = await blockedFrom(attacker.email, `a-${unique()}`);
    const victimSession = await createTestSession(db, victim.id);
    const reported = await reportBlockedSignIn({ token: attackersLinks.notMe, client: inNewYork() });
    expect(reported).toMatchObject({ ok: true });
    expect(await db.session.findUniqueOrThrow({ where: { id: victimSession.id } })).toMatchObject({
      revokedAt: null,
    });
  });
});
