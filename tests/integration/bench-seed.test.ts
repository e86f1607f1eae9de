/**
 * The bench's bulk seed (scripts/bench/seed.ts) on SQLite and PostgreSQL: it writes past Prisma, so
 * this checks that the app reads its rows as its own and that a seeded customer signs in as the
 * bench expects, by password and by passkey, without a second factor (known browser, own address),
 * and that the seeded session is live. Otherwise the bench would measure refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { verifyAuditChain } from "@/lib/server/audit/verify-audit-chain";
import { signInWithPassword } from "@/lib/server/identity/sign-in";
import { passkeyAuthenticationOptions } from "@/lib/server/passkeys/passkey-authentication";
import { signInWithPasskey } from "@/lib/server/passkeys/passkey-sign-in";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { BENCH_PASSWORD, BENCH_USER_AGENT, customer, sha256Hex } from "../../scripts/bench/customers";
import { seedCustomers } from "../../scripts/bench/seed";
import { emptyAuditLog } from "../support/audit-chain";
import { SoftwareAuthenticator } from "../support/software-authenticator";

const db = createPrismaClient();
// Far above the ids other tests could meet; the bench's ids are derived from the index.
const FROM = 700_000 + Math.floor(Math.random() * 100_000) * 10;
const PASSKEY = FROM + 1;
const SESSION = FROM + 2;
const authenticator = new SoftwareAuthenticator();

const browserOf = (i: number): ClientInfo => ({
  ip: customer.ip(i),
  userAgent: BENCH_USER_AGENT,
  browser: "Chrome",
  os: "Linux",
  location: null,
});

beforeAll(async () => {
  // The files of a project share one database: the verifier below must not meet a chain another
  // file broke on purpose (the tamper tests) or left half-written.
  await emptyAuditLog(db);
  await seedCustomers(process.env.DATABASE_URL!, {
    from: FROM,
    to: FROM + 5,
    sessions: [SESSION],
    passkeys: [
      { index: PASSKEY, credentialId: authenticator.credentialId, publicKey: authenticator.publicKey },
    ],
  });
});

afterAll(async () => {
  await db.$disconnect();
});

describe("the bench's seeded customers", () => {
  it("are read by the app as its own rows", async () => {
    const user = await db.user.findUniqueOrThrow({
      where: { emailNormalized: customer.email(FROM) },
      include: {
        roles: true,
        passwordCredential: true,
        devices: true,
        addresses: true,
        signInAttempts: true,
      },
    });
    expect(user.id).toBe(customer.userId(FROM));
    expect(user.status).toBe("ACTIVE");
    expect(user.emailVerifiedAt).toBeInstanceOf(Date);
    expect(user.emailVerifiedAt!.getTime()).toBeLessThan(Date.now());
    expect(user.roles.map((r) => r.role)).toEqual(["CUSTOMER"]);
    expect(user.passwordCredential?.hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(user.devices[0]?.cookieIdHash).toBe(sha256Hex(customer.deviceCookie(FROM)));
    expect(user.addresses[0]?.isDefaultShipping).toBe(true);
    expect(user.signInAttempts[0]?.result).toBe("SUCCEEDED");
    const passkey = await db.passkey.findUniqueOrThrow({
      where: { credentialId: authenticator.credentialId },
    });
    expect(passkey.counter).toBe(0n);
    expect(passkey.transports).toEqual(["internal"]);
    expect(Buffer.from(passkey.publicKey).equals(Buffer.from(authenticator.publicKey))).toBe(true);
  });

  it("sign in with the password from their own browser, without a second factor", async () => {
    const result = await signInWithPassword({
      email: customer.email(FROM + 3),
      password: BENCH_PASSWORD,
      rememberMe: false,
      deviceCookieId: customer.deviceCookie(FROM + 3),
      client: browserOf(FROM + 3),
    });
    expect(result).toMatchObject({ ok: true, userId: customer.userId(FROM + 3) });
    // Recognised as the known browser: no second device row.
    expect(await db.device.count({ where: { userId: customer.userId(FROM + 3) } })).toBe(1);
  });

  it("are refused a wrong password, like anyone else", async () => {
    const result = await signInWithPassword({
      email: customer.email(FROM + 4),
      password: `${BENCH_PASSWORD}!`,
      rememberMe: false,
      deviceCookieId: customer.deviceCookie(FROM + 4),
      client: browserOf(FROM + 4),
    });
    expect(result).toEqual({ ok: false, code: "INVALID_CREDENTIALS" });
  });

  it("sign in with their passkey, and only under their own user handle", async () => {
    const signIn = async (handle: string) => {
      const { challenge } = await passkeyAuthenticationOptions({ tx: db });
      return signInWithPasskey({
        response: authenticator.assert(challenge, { userHandle: handle }),
        deviceCookieId: customer.deviceCookie(PASSKEY),
        client: browserOf(PASSKEY),
      });
    };
    expect(await signIn(customer.webauthnUserId(FROM))).toMatchObject({ ok: false });
    expect(await signIn(customer.webauthnUserId(PASSKEY))).toMatchObject({
      ok: true,
      userId: customer.userId(PASSKEY),
    });
  });

  it("have a live session behind the page customers' cookie", async () => {
    const session = await db.session.findUniqueOrThrow({
      where: { tokenHash: sha256Hex(customer.sessionToken(SESSION)) },
    });
    expect(session.userId).toBe(customer.userId(SESSION));
    expect(session.revokedAt).toBeNull();
    expect(session.idleExpiresAt.getTime()).toBeGreaterThan(Date.now());
    expect(session.authMethods).toEqual(["PASSWORD"]);
  });

  it("have the history a registered customer has: terms consent, an ended session, six audit events", async () => {
    const userId = customer.userId(FROM);
    const states = await db.consentState.findMany({
      where: { userId },
      include: { lastRecord: true, purpose: true },
    });
    expect(states.map((s) => [s.purpose.key, s.lastAction, s.lastRecord.source])).toEqual([
      ["terms", "GRANTED", "REGISTRATION"],
    ]);
    const sessions = await db.session.findMany({ where: { userId } });
    expect(sessions.map((s) => s.revokeReason)).toEqual(["SIGNED_OUT"]);
    const events = await db.auditEvent.findMany({
      where: { subjectUserId: userId },
      orderBy: { sequence: "asc" },
    });
    expect(events.map((e) => e.type)).toEqual([
      "consent.granted",
      "auth.registered",
      "auth.email_verified",
      "auth.risk_assessed",
      "auth.sign_in_succeeded",
      "auth.signed_out",
    ]);
  });

  // Last: the sign-ins above appended to the seeded partitions as the app appends to any chain.
  it("leave an audit log the verifier accepts, with the app's events appended after them", async () => {
    const signedIn = await db.auditEvent.count({
      where: { subjectUserId: customer.userId(FROM + 3), type: "auth.sign_in_succeeded" },
    });
    expect(signedIn).toBe(2);
    expect(await verifyAuditChain({ tx: db })).toMatchObject({ ok: true });
  });
});
