/**
 * Sessions and devices through the real domain functions, on SQLite and PostgreSQL: a successful
 * sign-in creates a session and a device, the list shows it, signing out others and a password reset
 * revoke sessions, and the sign-in history records each attempt.
 */
import { describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/server/passwords/password-hash";
import { hashToken } from "@/lib/server/crypto/token-hash";
import { createPrismaClient } from "@/lib/db/prisma-client";
import {
  listSignInHistory,
  signOutOtherSessions,
  signOutSession,
} from "@/lib/server/identity/account-security";
import { resetPassword } from "@/lib/server/identity/password-reset";
import { signInWithPassword } from "@/lib/server/identity/sign-in";
import { issueToken } from "@/lib/server/identity/tokens";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { listActiveSessions } from "@/lib/server/sessions/sessions";
import { customerActor } from "@/lib/server/actor";

const db = createPrismaClient();
const password = "Ein sicherer Satz für Sitzungen";
const client = (ip: string, browser: string): ClientInfo => ({
  ip,
  userAgent: `${browser} test`,
  browser,
  os: "Linux",
  location: null,
});

async function customer() {
  const email = `sessions.${Date.now()}.${Math.random().toString(36).slice(2)}@example.com`;
  const user = await db.user.create({
    data: {
      email,
      emailNormalized: email,
      passwordCredential: { create: { hash: await hashPassword(password) } },
    },
  });
  return { id: user.id, email };
}

async function signIn(email: string, device: string, ip: string, browser: string) {
  const result = await signInWithPassword({
    email,
    password,
    rememberMe: false,
    deviceCookieId: device,
    client: client(ip, browser),
  });
  if (!result.ok) throw new Error(`sign-in failed: ${result.code}`);
  return result.session;
}

describe("sessions and devices", () => {
  it("lists the sessions of two devices, current first, and signs out the others", async () => {
    const user = await customer();
    const first = await signIn(user.email, "device-a", "192.0.2.10", "Chrome");
    const second = await signIn(user.email, "device-b", "192.0.2.11", "Firefox");
    expect(await db.device.count({ where: { userId: user.id } })).toBe(2);
    expect(await db.session.findUnique({ where: { tokenHash: hashToken(second.token) } })).toMatchObject({
      userId: user.id,
      revokedAt: null,
    });

    const listed = await listActiveSessions(user.id, first.id);
    expect(listed.map((s) => [s.isCurrent, s.browser])).toEqual([
      [true, "Chrome"],
      [false, "Firefox"],
    ]);

    const actor = customerActor(user.id, client("192.0.2.10", "Chrome"), first.id);
    expect(await signOutOtherSessions(actor)).toBe(1);
    expect((await listActiveSessions(user.id, first.id)).map((s) => s.id)).toEqual([first.id]);
    expect(await db.session.findUnique({ where: { id: second.id } })).toMatchObject({
      revokeReason: "REVOKED_BY_USER",
    });
    const history = await listSignInHistory(user.id);
    expect(history.filter((h) => h.result === "SUCCEEDED")).toHaveLength(2);
  });

  it("cannot sign out another customer's session by its id", async () => {
    const alice = await customer();
    const bob = await customer();
    const alices = await signIn(alice.email, "device-c", "192.0.2.12", "Chrome");
    const bobs = await signIn(bob.email, "device-d", "192.0.2.13", "Chrome");
    expect(
      await signOutSession(customerActor(alice.id, client("192.0.2.12", "Chrome"), alices.id), bobs.id),
    ).toBe(false);
    expect(await db.session.findUnique({ where: { id: bobs.id } })).toMatchObject({ revokedAt: null });
  });

  it("a password reset revokes every session and the link works once", async () => {
    const user = await customer();
    await signIn(user.email, "device-e", "192.0.2.14", "Chrome");
    await signIn(user.email, "device-f", "192.0.2.15", "Safari");
    const token = await db.$transaction((tx) =>
      issueToken({ userId: user.id, purpose: "PASSWORD_RESET" }, { tx }),
    );
    const newPassword = "Ganz neues Passwort nach dem Zurücksetzen";
    expect(
      await resetPassword({ token, password: newPassword, client: client("192.0.2.14", "Chrome") }),
    ).toEqual({ ok: true });
    expect(await db.session.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    expect(
      await resetPassword({ token, password: newPassword, client: client("192.0.2.14", "Chrome") }),
    ).toEqual({ ok: false, code: "INVALID_TOKEN" });
  });
});
