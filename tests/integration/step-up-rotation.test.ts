/**
 * A step-up issues a new session token (docs/decisions/0025), on SQLite and PostgreSQL, through the
 * real step-up actions: the cookie changes, the old token stops working at once, the new one
 * carries the same session (its list entry and "sign out" stay the same), and a failed step-up
 * changes nothing. A token copied before the step-up cannot ride on its stronger authentication.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  finishStepUpPasskeyAction,
  startStepUpPasskeyAction,
  stepUpWithPasswordAction,
} from "@/lib/actions/step-up";
import { hashPassword } from "@/lib/server/passwords/password-hash";
import { getCurrentUser } from "@/lib/auth/session";
import { SESSION_COOKIE } from "@/lib/auth/cookie-names";
import { hashToken, newSessionToken } from "@/lib/server/crypto/token-hash";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { request, resetRequest } from "../support/next-request";
import { SoftwareAuthenticator } from "../support/software-authenticator";

vi.mock("next/headers", async () => (await import("../support/next-request")).nextHeaders);
vi.mock("next/navigation", async () => (await import("../support/next-request")).nextNavigation);
vi.mock("next/cache", async () => (await import("../support/next-request")).nextCache);
vi.mock("next-intl/server", async () => (await import("../support/next-request")).nextIntlServer);

const db = createPrismaClient();
afterAll(() => db.$disconnect());

const PASSWORD = "Ein neuer Schlüssel nach jeder Bestätigung";

beforeEach(() => resetRequest({ ip: "198.51.100.90" }));

async function signedInCustomer(opts: { passkey?: SoftwareAuthenticator; rememberMe?: boolean } = {}) {
  const email = `rotate.${Date.now()}.${Math.random().toString(36).slice(2)}@example.com`;
  const handle = randomBytes(16).toString("base64url");
  const user = await db.user.create({
    data: {
      email,
      emailNormalized: email,
      webauthnUserId: handle,
      roles: { create: { role: "CUSTOMER" } },
      passwordCredential: { create: { hash: await hashPassword(PASSWORD) } },
      ...(opts.passkey
        ? {
            passkeys: {
              create: {
                credentialId: opts.passkey.credentialId,
                publicKey: opts.passkey.publicKey,
                deviceType: "MULTI_DEVICE",
                backedUp: true,
                name: "Software",
              },
            },
          }
        : {}),
    },
  });
  const token = newSessionToken();
  const session = await db.session.create({
    data: {
      tokenHash: hashToken(token),
      userId: user.id,
      idleExpiresAt: new Date(Date.now() + 3_600_000),
      absoluteExpiresAt: new Date(Date.now() + 86_400_000),
      rememberMe: opts.rememberMe ?? false,
      authMethods: ["PASSWORD"],
      authenticatedAt: new Date(Date.now() - 3_600_000),
    },
  });
  request.cookies.set(SESSION_COOKIE, token);
  return { userId: user.id, handle, sessionId: session.id, token };
}

/** Who a request presenting `token` as its session cookie is signed in as. */
async function whoHolds(token: string) {
  request.cookies.set(SESSION_COOKIE, token);
  return getCurrentUser();
}

describe("step-up rotates the session token", () => {
  it("with the password: a new cookie, the old token refused, the same session", async () => {
    const { userId, sessionId, token } = await signedInCustomer();
    expect(await stepUpWithPasswordAction({ password: PASSWORD })).toEqual({ ok: true, data: null });

    const rotated = request.cookies.get(SESSION_COOKIE);
    expect(rotated).toBeDefined();
    expect(rotated).not.toBe(token);
    const header = request.setCookieHeaders.find((h) => h.startsWith(`${SESSION_COOKIE}=`)) ?? "";
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=lax/i);
    expect(header).toMatch(/Path=\//);

    expect(await whoHolds(token)).toBeNull();
    expect(await whoHolds(rotated ?? "")).toMatchObject({ id: userId, sessionId });
    const row = await db.session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(row.tokenHash).toBe(hashToken(rotated ?? ""));
  });

  it("with a passkey, keeping a remembered session's lifetime on the cookie", async () => {
    const passkey = new SoftwareAuthenticator();
    const { handle, sessionId, token } = await signedInCustomer({ passkey, rememberMe: true });
    const options = await startStepUpPasskeyAction();
    if (!options.ok) throw new Error(options.code);
    expect(
      await finishStepUpPasskeyAction(passkey.assert(options.data.challenge, { userHandle: handle })),
    ).toEqual({ ok: true, data: null });

    const rotated = request.cookies.get(SESSION_COOKIE) ?? "";
    expect(rotated).not.toBe(token);
    expect(await whoHolds(token)).toBeNull();
    expect((await whoHolds(rotated))?.sessionId).toBe(sessionId);
    const header = request.setCookieHeaders.find((h) => h.startsWith(`${SESSION_COOKIE}=`)) ?? "";
    expect(header).toMatch(/Expires=/);
  });

  it("a failed step-up keeps the token and sets no cookie", async () => {
    const { sessionId, token } = await signedInCustomer();
    expect(await stepUpWithPasswordAction({ password: "nicht das Passwort" })).toMatchObject({ ok: false });
    expect(request.setCookieHeaders).toEqual([]);
    expect((await whoHolds(token))?.sessionId).toBe(sessionId);
  });
});
