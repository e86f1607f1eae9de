/**
 * The second-factor step through the real domain functions, on SQLite and PostgreSQL: a correct
 * password with an authenticator app opens a pending sign-in instead of a session; the TOTP code
 * completes it at AAL2 and cannot be replayed; recovery codes work once; email codes expire and
 * lock after 5 wrong attempts.
 */
import { describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/server/passwords/password-hash";
import { hashToken } from "@/lib/server/crypto/token-hash";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { decryptValue } from "@/lib/server/crypto/encryption";
import { checkSignInEmailCode, sendSignInEmailCode } from "@/lib/server/factors/email-codes";
import { generateTotpCode } from "@/lib/server/factors/totp";
import { confirmTotpEnrolment, startTotpEnrolment } from "@/lib/server/factors/totp-factors";
import { signInWithPassword } from "@/lib/server/identity/sign-in";
import { verifySecondFactor } from "@/lib/server/identity/verify-second-factor";
import type { ClientInfo } from "@/lib/server/request/client-info";

const db = createPrismaClient();
const password = "Zweiter Faktor für alle Fälle";
const client: ClientInfo = {
  ip: "192.0.2.40",
  userAgent: "vitest",
  browser: "Chrome",
  os: "Linux",
  location: null,
};
const STEP_MS = 30_000;

async function createUser(role: "CUSTOMER" | "SUPPORT" = "CUSTOMER") {
  const email = `mfa.${Date.now()}.${Math.random().toString(36).slice(2)}@example.com`;
  const user = await db.user.create({
    data: {
      email,
      emailNormalized: email,
      emailVerifiedAt: new Date(),
      roles: { create: { role } },
      passwordCredential: { create: { hash: await hashPassword(password) } },
    },
  });
  return { id: user.id, email };
}

/** A customer with a confirmed authenticator app; returns the secret and the recovery codes. */
async function customerWithTotp() {
  const user = await createUser();
  await startTotpEnrolment(user.id);
  const factor = await db.totpFactor.findUniqueOrThrow({ where: { userId: user.id } });
  const secret = decryptValue(factor.secretCiphertext);
  expect(factor.secretCiphertext).not.toContain(secret);
  const recoveryCodes = await confirmTotpEnrolment({
    userId: user.id,
    code: generateTotpCode({ secret }),
    client,
  });
  if (!recoveryCodes) throw new Error("enrolment was not confirmed");
  return { ...user, secret, recoveryCodes };
}

async function passwordStep(email: string): Promise<string> {
  const result = await signInWithPassword({
    email,
    password,
    rememberMe: false,
    deviceCookieId: "dev-1",
    client,
  });
  if (result.ok || result.code !== "SECOND_FACTOR_REQUIRED") throw new Error(`expected a second step`);
  return result.pendingToken;
}

const verify = (pendingToken: string, method: "TOTP" | "RECOVERY_CODE" | "EMAIL_CODE", code: string) =>
  verifySecondFactor({ pendingToken, method, code, deviceCookieId: "dev-1", client });

describe("second factor", () => {
  it("a password with TOTP enabled opens a pending sign-in; the code completes it at AAL2", async () => {
    const user = await customerWithTotp();
    const sessionsBefore = await db.session.count({ where: { userId: user.id } });
    const token = await passwordStep(user.email);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(sessionsBefore);
    const pending = await db.pendingSignIn.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
    expect(pending.allowedFactors).toEqual(["TOTP", "RECOVERY_CODE"]);

    expect(await verify(token, "TOTP", "000000")).toMatchObject({ ok: false, code: "INVALID_CODE" });
    // The confirmation used the current step; the next step's code is within the ±1 window.
    const result = await verify(
      token,
      "TOTP",
      generateTotpCode({ secret: user.secret, now: Date.now() + STEP_MS }),
    );
    if (!result.ok) throw new Error(`verify failed: ${result.code}`);
    const session = await db.session.findUniqueOrThrow({ where: { id: result.session.id } });
    expect(session).toMatchObject({ aal: 2, authMethods: ["PASSWORD", "TOTP"] });
    const attempts = await db.signInAttempt.findMany({
      where: { userId: user.id },
      orderBy: { createdAt: "asc" },
    });
    expect(attempts.map((a) => [a.result, a.secondFactorMethod])).toEqual([
      ["SUCCEEDED", "TOTP"],
      ["SECOND_FACTOR_FAILED", "TOTP"],
    ]);
    expect(await db.pendingSignIn.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({
      completedAt: expect.any(Date),
    });
    // The pending sign-in is single use.
    expect(await verify(token, "TOTP", generateTotpCode({ secret: user.secret }))).toMatchObject({
      ok: false,
      code: "EXPIRED",
    });
  });

  it("a TOTP code cannot be replayed in the same step", async () => {
    const user = await customerWithTotp();
    const code = generateTotpCode({ secret: user.secret, now: Date.now() + STEP_MS });
    expect((await verify(await passwordStep(user.email), "TOTP", code)).ok).toBe(true);
    expect(await verify(await passwordStep(user.email), "TOTP", code)).toMatchObject({
      ok: false,
      code: "INVALID_CODE",
    });
  });

  it("a recovery code works once and only once", async () => {
    const user = await customerWithTotp();
    const [first] = user.recoveryCodes;
    expect(first).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{2}$/);
    const typed = first!.toLowerCase().replace(/-/g, " ");
    const result = await verify(await passwordStep(user.email), "RECOVERY_CODE", typed);
    if (!result.ok) throw new Error(`verify failed: ${result.code}`);
    expect(await db.session.findUniqueOrThrow({ where: { id: result.session.id } })).toMatchObject({
      aal: 2,
      authMethods: ["PASSWORD", "RECOVERY_CODE"],
    });
    expect(await db.recoveryCode.count({ where: { userId: user.id, usedAt: null } })).toBe(9);
    expect(await verify(await passwordStep(user.email), "RECOVERY_CODE", first!)).toMatchObject({
      ok: false,
      code: "INVALID_CODE",
    });
  });

  it("staff without TOTP get an email code, which expires and locks after 5 wrong attempts", async () => {
    const staff = await createUser("SUPPORT");
    const token = await passwordStep(staff.email);
    const pending = await db.pendingSignIn.findUniqueOrThrow({
      where: { tokenHash: hashToken(token) },
      include: { emailOneTimeCodes: true },
    });
    expect(pending.allowedFactors).toEqual(["EMAIL_CODE"]);
    expect(pending.emailOneTimeCodes).toHaveLength(1);
    // TOTP is not on offer for this sign-in.
    expect(await verify(token, "TOTP", "123456")).toMatchObject({ ok: false, code: "NOT_ALLOWED" });

    const user = { id: staff.id, email: staff.email, locale: "de" };
    // Expiry: a code older than 10 minutes is refused even when right.
    const expiring = await sendSignInEmailCode({ pendingSignInId: pending.id, user, client });
    await db.emailOneTimeCode.updateMany({
      where: { pendingSignInId: pending.id, consumedAt: null },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await verify(token, "EMAIL_CODE", expiring)).toMatchObject({
      ok: false,
      code: "EMAIL_CODE_EXPIRED",
    });

    // Five wrong attempts lock the code; the right one then fails too.
    const code = await sendSignInEmailCode({ pendingSignInId: pending.id, user, client });
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 1; i <= 4; i++) {
      expect(await checkSignInEmailCode({ pendingSignInId: pending.id, code: wrong })).toBe("invalid");
    }
    expect(await checkSignInEmailCode({ pendingSignInId: pending.id, code: wrong })).toBe("locked");
    expect(await checkSignInEmailCode({ pendingSignInId: pending.id, code })).toBe("locked");

    // A fresh code works and completes the sign-in at AAL2.
    const fresh = await sendSignInEmailCode({ pendingSignInId: pending.id, user, client });
    const result = await verify(token, "EMAIL_CODE", fresh);
    if (!result.ok) throw new Error(`verify failed: ${result.code}`);
    expect(await db.session.findUniqueOrThrow({ where: { id: result.session.id } })).toMatchObject({
      aal: 2,
      authMethods: ["PASSWORD", "EMAIL_CODE"],
    });
  });

  it("customers without a second factor still get a session from the password alone", async () => {
    const user = await createUser();
    // An IP of its own: the other tests here sign several accounts in from `client.ip`, which the
    // risk engine rightly treats as "many accounts from one IP".
    const result = await signInWithPassword({
      email: user.email,
      password,
      rememberMe: false,
      deviceCookieId: "dev-2",
      client: { ...client, ip: "192.0.2.241" },
    });
    if (!result.ok) throw new Error(`sign-in failed: ${result.code}`);
    expect(await db.session.findUniqueOrThrow({ where: { id: result.session.id } })).toMatchObject({
      aal: 1,
    });
  });
});
