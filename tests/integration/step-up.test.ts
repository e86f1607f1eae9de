/**
 * Step-up through the real domain functions, on SQLite and PostgreSQL: the strongest factor is the
 * only one accepted; success renews the session's authentication time, failure does not; a TOTP
 * account needs the code too; an account without password or passkey confirms by mailed code bound
 * to its session; failures are throttled per account.
 */
import { describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/server/passwords/password-hash";
import { isRecentAuth } from "@/lib/auth/step-up";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { decryptValue } from "@/lib/server/crypto/encryption";
import { generateTotpCode } from "@/lib/server/factors/totp";
import { confirmTotpEnrolment, startTotpEnrolment } from "@/lib/server/factors/totp-factors";
import {
  sendStepUpEmailCode,
  stepUpOptionsFor,
  stepUpWithEmailCode,
  stepUpWithPassword,
} from "@/lib/server/identity/step-up";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { customerActor } from "@/lib/server/actor";

const db = createPrismaClient();
const password = "Noch einmal bestätigen, bitte";
const client: ClientInfo = {
  ip: "192.0.2.77",
  userAgent: "vitest",
  browser: "Chrome",
  os: "Linux",
  location: null,
};
const HOUR_AGO = () => new Date(Date.now() - 3_600_000);

async function userWithStaleSession(opts: { password?: boolean } = {}) {
  const email = `stepup.${Date.now()}.${Math.random().toString(36).slice(2)}@example.com`;
  const user = await db.user.create({
    data: {
      email,
      emailNormalized: email,
      emailVerifiedAt: new Date(),
      roles: { create: { role: "CUSTOMER" } },
      ...(opts.password === false
        ? {}
        : { passwordCredential: { create: { hash: await hashPassword(password) } } }),
    },
  });
  const session = await db.session.create({
    data: {
      tokenHash: `hash-${user.id}`,
      userId: user.id,
      idleExpiresAt: new Date(Date.now() + 3_600_000),
      absoluteExpiresAt: new Date(Date.now() + 86_400_000),
      authenticatedAt: HOUR_AGO(),
      authMethods: ["PASSWORD"],
    },
  });
  return { ...customerActor(user.id, client, session.id), email };
}

async function authenticatedAt(sessionId: string): Promise<Date> {
  return (await db.session.findUniqueOrThrow({ where: { id: sessionId } })).authenticatedAt;
}

describe("step-up", () => {
  it("isRecentAuth compares the last authentication with the window", () => {
    const now = new Date("2026-11-21T10:00:00Z");
    expect(isRecentAuth({ authenticatedAt: new Date("2026-11-21T09:50:00Z") }, 600, now)).toBe(true);
    expect(isRecentAuth({ authenticatedAt: new Date("2026-11-21T09:49:59Z") }, 600, now)).toBe(false);
  });

  it("renews the session's authentication with the right password only", async () => {
    const actor = await userWithStaleSession();
    expect(await stepUpOptionsFor(actor.userId)).toEqual({ method: "password", totpRequired: false });

    expect(await stepUpWithPassword(actor, { password: "falsch falsch falsch" })).toEqual({
      ok: false,
      code: "INVALID",
    });
    expect(isRecentAuth({ authenticatedAt: await authenticatedAt(actor.sessionId) })).toBe(false);

    expect(await stepUpWithPassword(actor, { password })).toMatchObject({ ok: true });
    expect(isRecentAuth({ authenticatedAt: await authenticatedAt(actor.sessionId) })).toBe(true);
    const types = (
      await db.auditEvent.findMany({ where: { subjectUserId: actor.userId }, orderBy: { createdAt: "asc" } })
    ).map((e) => e.type);
    expect(types).toEqual(["auth.step_up_failed", "auth.step_up_succeeded"]);
  });

  it("cannot renew another person's session", async () => {
    const victim = await userWithStaleSession();
    const attacker = await userWithStaleSession();
    await stepUpWithPassword({ ...attacker, sessionId: victim.sessionId }, { password });
    expect(isRecentAuth({ authenticatedAt: await authenticatedAt(victim.sessionId) })).toBe(false);
  });

  it("asks an account with an authenticator app for the password and a code", async () => {
    const actor = await userWithStaleSession();
    await startTotpEnrolment(actor.userId);
    const factor = await db.totpFactor.findUniqueOrThrow({ where: { userId: actor.userId } });
    const secret = decryptValue(factor.secretCiphertext);
    await confirmTotpEnrolment({ userId: actor.userId, code: generateTotpCode({ secret }), client });
    expect(await stepUpOptionsFor(actor.userId)).toEqual({ method: "password", totpRequired: true });

    expect((await stepUpWithPassword(actor, { password })).ok).toBe(false);
    // The enrolment used the current step; the next step's code is fresh.
    const next = generateTotpCode({ secret, now: Date.now() + 30_000 });
    expect(await stepUpWithPassword(actor, { password, totpCode: next })).toMatchObject({ ok: true });
    const session = await db.session.findUniqueOrThrow({ where: { id: actor.sessionId } });
    expect(session.authMethods).toEqual(["PASSWORD", "TOTP"]);
    expect(session.aal).toBe(2);
  });

  it("confirms an account without password or passkey by a mailed code bound to the session", async () => {
    const actor = await userWithStaleSession({ password: false });
    expect(await stepUpOptionsFor(actor.userId)).toEqual({ method: "emailCode", totpRequired: false });
    expect((await stepUpWithPassword(actor, { password })).ok).toBe(false);

    const code = await sendStepUpEmailCode(actor);
    if (!code) throw new Error("no code was sent");
    const wrong = code === "000000" ? "111111" : "000000";
    expect(await stepUpWithEmailCode(actor, wrong)).toMatchObject({ ok: false });
    // A code bound to another session does not count for this one.
    const other = await userWithStaleSession({ password: false });
    expect(await stepUpWithEmailCode({ ...other }, code)).toMatchObject({ ok: false });
    expect(await stepUpWithEmailCode(actor, code)).toMatchObject({ ok: true });
    // Single use.
    expect(await stepUpWithEmailCode(actor, code)).toMatchObject({ ok: false });
  });

  it("throttles repeated failures per account", async () => {
    const actor = await userWithStaleSession();
    let last: Awaited<ReturnType<typeof stepUpWithPassword>> | undefined;
    for (let i = 0; i < 7; i++) last = await stepUpWithPassword(actor, { password: `falsch-${i}-falsch` });
    expect(last).toMatchObject({ ok: false, code: "RATE_LIMITED" });
    // Even the right password waits now.
    expect(await stepUpWithPassword(actor, { password })).toMatchObject({ ok: false, code: "RATE_LIMITED" });
  });
});
