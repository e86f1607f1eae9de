/**
 * Passkeys beyond the first sign-in, on SQLite and PostgreSQL, with a software authenticator: the
 * step-up accepts only a user-verified assertion of the person's own passkey over a STEP_UP
 * challenge issued to them; a passkey sign-in goes through the risk engine like a password and is
 * blocked on impossible travel from a new device.
 */
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { hashToken } from "@/lib/server/crypto/token-hash";
import { sendSignInEmailCode } from "@/lib/server/factors/email-codes";
import { verifySecondFactor } from "@/lib/server/identity/verify-second-factor";
import { passkeyAuthenticationOptions } from "@/lib/server/passkeys/passkey-authentication";
import { signInWithPasskey } from "@/lib/server/passkeys/passkey-sign-in";
import { stepUpPasskeyOptions, stepUpWithPasskey } from "@/lib/server/identity/step-up";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { SoftwareAuthenticator } from "../support/software-authenticator";
import { createTestSession } from "../support/test-session";
import { customerActor } from "@/lib/server/actor";

const db = createPrismaClient();
afterAll(() => db.$disconnect());

const BERLIN = { country: "DE", city: "Berlin", latitude: 52.52, longitude: 13.405 };
const NEW_YORK = { country: "US", city: "New York", latitude: 40.7128, longitude: -74.006 };
const PARIS = { country: "FR", city: "Paris", latitude: 48.8566, longitude: 2.3522 };
const uniqueIp = () => `2001:db8:77::${Math.floor(Math.random() * 0xffff).toString(16)}`;
const clientAt = (location: typeof BERLIN): ClientInfo => ({
  ip: uniqueIp(),
  userAgent: "vitest",
  browser: "Chrome",
  os: "Linux",
  location,
});

async function customerWithPasskey() {
  const email = `pk.${Date.now()}.${Math.random().toString(36).slice(2)}@example.com`;
  const handle = randomBytes(16).toString("base64url");
  const user = await db.user.create({
    data: { email, emailNormalized: email, webauthnUserId: handle, roles: { create: { role: "CUSTOMER" } } },
  });
  const authenticator = new SoftwareAuthenticator();
  await db.passkey.create({
    data: {
      userId: user.id,
      credentialId: authenticator.credentialId,
      publicKey: authenticator.publicKey,
      deviceType: "MULTI_DEVICE",
      backedUp: true,
      name: "Software",
    },
  });
  const session = await createTestSession(db, user.id, { authenticatedAt: new Date(Date.now() - 3_600_000) });
  return { userId: user.id, handle, authenticator, sessionId: session.id };
}

describe("passkey step-up", () => {
  it("renews the session with the person's own user-verified passkey only", async () => {
    const owner = await customerWithPasskey();
    const stranger = await customerWithPasskey();
    const actor = customerActor(owner.userId, clientAt(BERLIN), owner.sessionId);

    // Another customer's passkey over a challenge issued to this person: refused.
    const options1 = await stepUpPasskeyOptions(owner.userId);
    expect(options1.allowCredentials?.map((c) => c.id)).toEqual([owner.authenticator.credentialId]);
    const foreign = stranger.authenticator.assert(options1.challenge, { userHandle: stranger.handle });
    expect((await stepUpWithPasskey(actor, foreign)).ok).toBe(false);

    // Presence without user verification (no PIN or biometric): refused.
    const options2 = await stepUpPasskeyOptions(owner.userId);
    const noUv = owner.authenticator.assert(options2.challenge, {
      userVerified: false,
      userHandle: owner.handle,
    });
    expect((await stepUpWithPasskey(actor, noUv)).ok).toBe(false);

    // A sign-in challenge is not a step-up challenge.
    const signIn = await passkeyAuthenticationOptions({ tx: db });
    const wrongPurpose = owner.authenticator.assert(signIn.challenge, { userHandle: owner.handle });
    expect((await stepUpWithPasskey(actor, wrongPurpose)).ok).toBe(false);

    const options3 = await stepUpPasskeyOptions(owner.userId);
    const good = owner.authenticator.assert(options3.challenge, { userHandle: owner.handle });
    expect(await stepUpWithPasskey(actor, good)).toMatchObject({ ok: true });
    // Single use: the same answer again fails.
    expect((await stepUpWithPasskey(actor, good)).ok).toBe(false);

    const session = await db.session.findUniqueOrThrow({ where: { id: owner.sessionId } });
    expect(Date.now() - session.authenticatedAt.getTime()).toBeLessThan(60_000);
    expect(session.authMethods).toEqual(["PASSKEY"]);
    expect(session.aal).toBe(2);
  });
});

describe("passkey sign-in and the risk engine", () => {
  it("is assessed and audited, and blocked on impossible travel from a new device", async () => {
    const owner = await customerWithPasskey();
    await db.signInAttempt.create({
      data: {
        userId: owner.userId,
        method: "PASSWORD",
        result: "SUCCEEDED",
        ip: uniqueIp(),
        createdAt: new Date(Date.now() - 3_600_000),
        country: BERLIN.country,
        city: BERLIN.city,
        latitude: BERLIN.latitude,
        longitude: BERLIN.longitude,
      },
    });
    const options = await passkeyAuthenticationOptions({ tx: db });
    const result = await signInWithPasskey({
      response: owner.authenticator.assert(options.challenge, { userHandle: owner.handle }),
      deviceCookieId: `new-device-${randomBytes(8).toString("hex")}`,
      client: clientAt(NEW_YORK),
    });
    expect(result).toEqual({
      ok: false,
      code: "BLOCKED_BY_RISK",
      reasons: ["NEW_DEVICE", "NEW_COUNTRY", "IMPOSSIBLE_TRAVEL"],
    });
    expect(
      await db.session.count({
        where: { userId: owner.userId, revokedAt: null, id: { not: owner.sessionId } },
      }),
    ).toBe(0);
    const types = (await db.auditEvent.findMany({ where: { subjectUserId: owner.userId } })).map(
      (e) => e.type,
    );
    expect(types).toEqual(expect.arrayContaining(["auth.risk_assessed", "auth.sign_in_blocked_by_risk"]));
  });

  it("signs in as before from a known place", async () => {
    const owner = await customerWithPasskey();
    const options = await passkeyAuthenticationOptions({ tx: db });
    const result = await signInWithPasskey({
      response: owner.authenticator.assert(options.challenge, { userHandle: owner.handle }),
      deviceCookieId: `device-${randomBytes(8).toString("hex")}`,
      client: clientAt(BERLIN),
    });
    expect(result.ok).toBe(true);
  });

  it("asks a passkey without user verification for a second factor at medium risk, as a password", async () => {
    const owner = await customerWithPasskey();
    await db.signInAttempt.create({
      data: {
        userId: owner.userId,
        method: "PASSKEY",
        result: "SUCCEEDED",
        ip: uniqueIp(),
        createdAt: new Date(Date.now() - 2 * 86_400_000),
        ...BERLIN,
      },
    });
    const signIn = async (userVerified: boolean, deviceCookieId: string) =>
      signInWithPasskey({
        response: owner.authenticator.assert((await passkeyAuthenticationOptions({ tx: db })).challenge, {
          userHandle: owner.handle,
          userVerified,
        }),
        deviceCookieId,
        client: clientAt(PARIS), // new device + new country: MEDIUM
        returnTo: "/account/payment",
      });
    const sessionsBefore = await db.session.count({ where: { userId: owner.userId } });

    const pending = await signIn(false, `new-device-${randomBytes(8).toString("hex")}`);
    if (pending.ok || pending.code !== "SECOND_FACTOR_REQUIRED") throw new Error(JSON.stringify(pending));
    expect(await db.session.count({ where: { userId: owner.userId } })).toBe(sessionsBefore);
    const row = await db.pendingSignIn.findUniqueOrThrow({
      where: { tokenHash: hashToken(pending.pendingToken) },
    });
    expect(row).toMatchObject({
      firstFactor: "PASSKEY",
      allowedFactors: ["EMAIL_CODE"],
      returnTo: "/account/payment",
    });

    const user = await db.user.findUniqueOrThrow({ where: { id: owner.userId } });
    const client = clientAt(PARIS);
    const code = await sendSignInEmailCode({ pendingSignInId: row.id, user, client });
    const done = await verifySecondFactor({
      pendingToken: pending.pendingToken,
      method: "EMAIL_CODE",
      code,
      deviceCookieId: "verify-device",
      client,
    });
    if (!done.ok) throw new Error(done.code);
    expect(done.returnTo).toBe("/account/payment");
    expect(await db.session.findUniqueOrThrow({ where: { id: done.session.id } })).toMatchObject({
      authMethods: ["PASSKEY", "EMAIL_CODE"],
      aal: 2,
    });

    // The same risk with user verification: two factors already, signed in at once.
    const direct = await signIn(true, `other-device-${randomBytes(8).toString("hex")}`);
    expect(direct.ok).toBe(true);
  });
});
