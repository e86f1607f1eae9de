/**
 * "Andere Methode wählen" (docs/decisions/0051) through the real domain functions, on SQLite and
 * PostgreSQL: every way the account has, strongest first, each with the pair sign-in accepts; a
 * fallback renews the session for ordinary step-up but never satisfies the factor-change guard
 * (docs/decisions/0024); mailed and recovery codes work once.
 */
import { describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { decryptValue } from "@/lib/server/crypto/encryption";
import { generateTotpCode } from "@/lib/server/factors/totp";
import { confirmTotpEnrolment, startTotpEnrolment } from "@/lib/server/factors/totp-factors";
import { replaceRecoveryCodes } from "@/lib/server/factors/recovery-code-store";
import {
  checkStrongestFactor,
  sendStepUpEmailCode,
  stepUpWaysFor,
  stepUpWithPassword,
} from "@/lib/server/identity/step-up";
import { hashPassword } from "@/lib/server/passwords/password-hash";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { customerActor } from "@/lib/server/actor";

const db = createPrismaClient();
const password = "Der Passkey liegt auf dem anderen Telefon";
const client: ClientInfo = {
  ip: "192.0.2.78",
  userAgent: "vitest",
  browser: "Chrome",
  os: "Linux",
  location: null,
};

/** A customer with a password and a passkey (on "the other phone"), signed in an hour ago. */
async function customerWithPasskeyAndPassword() {
  const email = `ways.${Date.now()}.${Math.random().toString(36).slice(2)}@example.com`;
  const user = await db.user.create({
    data: {
      email,
      emailNormalized: email,
      emailVerifiedAt: new Date(),
      roles: { create: { role: "CUSTOMER" } },
      passwordCredential: { create: { hash: await hashPassword(password) } },
      passkeys: {
        create: {
          credentialId: `cred-${email}`,
          publicKey: Buffer.from([1, 2, 3]),
          deviceType: "MULTI_DEVICE",
          backedUp: true,
          name: "Anderes Telefon",
        },
      },
    },
  });
  const session = await db.session.create({
    data: {
      tokenHash: `hash-${user.id}`,
      userId: user.id,
      idleExpiresAt: new Date(Date.now() + 3_600_000),
      absoluteExpiresAt: new Date(Date.now() + 86_400_000),
      authenticatedAt: new Date(Date.now() - 3_600_000),
      authMethods: ["PASSWORD"],
    },
  });
  return customerActor(user.id, client, session.id);
}

async function withAuthenticator(userId: string): Promise<{ secret: string; recoveryCodes: string[] }> {
  await startTotpEnrolment(userId);
  const factor = await db.totpFactor.findUniqueOrThrow({ where: { userId } });
  const secret = decryptValue(factor.secretCiphertext);
  await confirmTotpEnrolment({ userId, code: generateTotpCode({ secret }), client });
  return { secret, recoveryCodes: await replaceRecoveryCodes({ userId, client }) };
}

async function sessionOf(sessionId: string) {
  return db.session.findUniqueOrThrow({ where: { id: sessionId } });
}

async function failureReasons(userId: string): Promise<unknown[]> {
  const events = await db.auditEvent.findMany({
    where: { subjectUserId: userId, type: "auth.step_up_failed" },
    orderBy: { createdAt: "asc" },
  });
  return events.map((e) => (e.metadata as { reason: string }).reason);
}

describe("step-up: other ways", () => {
  it("offers passkey, then password and mailed code; the mailed code works once and never for factor changes", async () => {
    const actor = await customerWithPasskeyAndPassword();
    expect(await stepUpWaysFor(actor.userId)).toEqual(["passkey", "passwordEmailCode"]);
    expect(await stepUpWaysFor(actor.userId, { strongestOnly: true })).toEqual(["passkey"]);

    // The password alone would let a phished password undo the passkey.
    expect(await stepUpWithPassword(actor, { password })).toEqual({ ok: false, code: "INVALID" });
    const code = await sendStepUpEmailCode(actor);
    if (!code) throw new Error("no code was sent");
    expect(await stepUpWithPassword(actor, { password: "falsch falsch", emailCode: code })).toEqual({
      ok: false,
      code: "INVALID",
    });
    expect(await stepUpWithPassword(actor, { password, emailCode: code })).toMatchObject({ ok: true });
    const session = await sessionOf(actor.sessionId);
    expect(session.authMethods).toEqual(["PASSWORD", "EMAIL_CODE"]);
    expect(session.aal).toBe(2);

    // Replayed: the code was consumed.
    expect(await stepUpWithPassword(actor, { password, emailCode: code })).toEqual({
      ok: false,
      code: "INVALID",
    });
    expect(await failureReasons(actor.userId)).toEqual([
      "not_allowed_password",
      "wrong_password",
      "email_code_expired",
    ]);
    // Recent, but not the passkey: a factor change is refused and the refusal audited.
    expect(
      await checkStrongestFactor(actor, { authMethods: session.authMethods as string[], aal: session.aal }),
    ).toBe(false);
    expect(
      await db.auditEvent.count({
        where: { subjectUserId: actor.userId, type: "auth.strong_auth_required" },
      }),
    ).toBe(1);
  });

  it("with the app: its code or a recovery code after the password, never a mailed code", async () => {
    const actor = await customerWithPasskeyAndPassword();
    const { secret, recoveryCodes } = await withAuthenticator(actor.userId);
    expect(await stepUpWaysFor(actor.userId)).toEqual(["passkey", "passwordTotp", "passwordRecoveryCode"]);

    const mailed = await sendStepUpEmailCode(actor);
    if (!mailed) throw new Error("no code was sent");
    expect(await stepUpWithPassword(actor, { password, emailCode: mailed })).toEqual({
      ok: false,
      code: "INVALID",
    });
    const next = generateTotpCode({ secret, now: Date.now() + 30_000 });
    expect(await stepUpWithPassword(actor, { password, totpCode: next })).toMatchObject({ ok: true });
    expect((await sessionOf(actor.sessionId)).authMethods).toEqual(["PASSWORD", "TOTP"]);

    const recovery = recoveryCodes[0]!;
    expect(await stepUpWithPassword(actor, { password, recoveryCode: recovery })).toMatchObject({ ok: true });
    expect((await sessionOf(actor.sessionId)).authMethods).toEqual(["PASSWORD", "RECOVERY_CODE"]);
    expect(await stepUpWithPassword(actor, { password, recoveryCode: recovery })).toEqual({
      ok: false,
      code: "INVALID",
    });
    expect(await failureReasons(actor.userId)).toEqual([
      "not_allowed_passwordEmailCode",
      "wrong_recovery_code",
    ]);
  });

  it("without a passkey the app and its recovery codes both satisfy the factor-change guard", async () => {
    const actor = await customerWithPasskeyAndPassword();
    await db.passkey.deleteMany({ where: { userId: actor.userId } });
    await withAuthenticator(actor.userId);
    expect(await stepUpWaysFor(actor.userId, { strongestOnly: true })).toEqual([
      "passwordTotp",
      "passwordRecoveryCode",
    ]);
  });
});
