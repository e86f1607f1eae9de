/**
 * Open redirect after sign-in (docs/decisions/0023), on SQLite and PostgreSQL: every server action
 * and guard that takes a return path from the browser is run for real with each hostile value of
 * tests/support/hostile-paths.ts, and wherever it sends the browser must be a path on this origin
 * that stays there when a client router resolves it again. Only Next's request APIs are stand-ins.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { hashPassword } from "@/lib/server/passwords/password-hash";
import { PENDING_SIGN_IN_COOKIE } from "@/lib/auth/pending-sign-in-cookie";
import { signInWithPassword } from "@/lib/actions/auth";
import { setLocale } from "@/lib/actions/locale";
import { finishPasskeySignInAction } from "@/lib/actions/passkeys";
import { verifySecondFactorAction } from "@/lib/actions/second-factor";
import { requireUser } from "@/lib/auth/session";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { sendSignInEmailCode } from "@/lib/server/factors/email-codes";
import { createPendingSignIn } from "@/lib/server/identity/pending-sign-in";
import { passkeyAuthenticationOptions } from "@/lib/server/passkeys/passkey-authentication";
import { DEVICE_COOKIE } from "@/lib/server/devices/devices";
import { HOSTILE_RETURN_PATHS, expectSameOriginPath } from "../support/hostile-paths";
import { redirectOf, request, resetRequest } from "../support/next-request";
import { SoftwareAuthenticator } from "../support/software-authenticator";

vi.mock("next/headers", async () => (await import("../support/next-request")).nextHeaders);
vi.mock("next/navigation", async () => (await import("../support/next-request")).nextNavigation);
vi.mock("next/cache", async () => (await import("../support/next-request")).nextCache);
vi.mock("next-intl/server", async () => (await import("../support/next-request")).nextIntlServer);

const db = createPrismaClient();
afterAll(() => db.$disconnect());

const PASSWORD = "Zurück nur auf die eigene Seite";
const HOSTILE_STRINGS = HOSTILE_RETURN_PATHS.filter((v): v is string => typeof v === "string");
const client = { ip: "198.51.100.23", userAgent: "vitest", browser: null, os: null, location: null };

beforeEach(() => resetRequest({ ip: client.ip }));

async function customer(opts: { passkey?: SoftwareAuthenticator } = {}) {
  const email = `redirect.${Date.now()}.${Math.random().toString(36).slice(2)}@example.com`;
  const handle = randomBytes(16).toString("base64url");
  const user = await db.user.create({
    data: {
      email,
      emailNormalized: email,
      emailVerifiedAt: new Date(),
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
  return { ...user, handle };
}

describe("every return path taken from the browser stays on this origin", () => {
  it("the password sign-in, straight into the session or via the pending second step", async () => {
    const user = await customer();
    const deviceCookieId = `redirect-device-${user.id}`;
    const targets = new Set<string>();
    for (const value of HOSTILE_RETURN_PATHS) {
      resetRequest({ ip: client.ip });
      request.cookies.set(DEVICE_COOKIE, deviceCookieId);
      const since = new Date();
      const target = await redirectOf(() =>
        signInWithPassword({
          email: user.email,
          password: PASSWORD,
          rememberMe: false,
          callbackUrl: value as never,
        }),
      );
      expectSameOriginPath(target);
      targets.add(target);
      // The risk engine may want a second step; then the return path waits in the pending row.
      if (target === "/login/verify") {
        const pending = await db.pendingSignIn.findFirstOrThrow({
          where: { userId: user.id, createdAt: { gte: since } },
          orderBy: { createdAt: "desc" },
        });
        expect(pending.returnTo).toBeNull();
      } else expect(target).toBe("/account");
    }
    // The known device signs in without a second step: the session's own redirect was tried too.
    expect(targets).toContain("/account");
  });

  it("the second step at /login/verify, even with a hostile path already stored", async () => {
    const user = await customer();
    // PostgreSQL cannot store a NUL character at all, so that one value is never stored.
    for (const value of HOSTILE_STRINGS.filter((v) => !v.includes("\u0000"))) {
      resetRequest({ ip: client.ip });
      const pending = await db.$transaction(async (tx) => {
        const attempt = await tx.signInAttempt.create({
          data: {
            userId: user.id,
            emailNormalized: user.emailNormalized,
            method: "PASSWORD",
            result: "SECOND_FACTOR_REQUIRED",
          },
        });
        return createPendingSignIn(
          {
            userId: user.id,
            signInAttemptId: attempt.id,
            factors: ["EMAIL_CODE"],
            reasons: [],
            riskLevel: "MEDIUM",
            rememberMe: false,
            returnTo: value,
            client,
          },
          { tx },
        );
      });
      const code = await sendSignInEmailCode({ pendingSignInId: pending.id, user, client });
      request.cookies.set(PENDING_SIGN_IN_COOKIE, pending.token);
      const target = await redirectOf(() => verifySecondFactorAction({ method: "EMAIL_CODE", code }));
      expectSameOriginPath(target);
      expect(target).toBe("/account");
    }
  });

  it("the passkey sign-in", async () => {
    const authenticator = new SoftwareAuthenticator();
    const user = await customer({ passkey: authenticator });
    for (const value of HOSTILE_RETURN_PATHS) {
      resetRequest({ ip: client.ip });
      const options = await passkeyAuthenticationOptions({ tx: db });
      const response = authenticator.assert(options.challenge, { userHandle: user.handle });
      const result = await finishPasskeySignInAction({ response, callbackUrl: value as never });
      if (!result.ok) throw new Error(`passkey sign-in failed: ${result.code}`);
      expectSameOriginPath(result.data.redirectTo);
      expect(result.data.redirectTo).toBe("/account");
    }
  });

  it("the language switch", async () => {
    for (const value of HOSTILE_STRINGS) {
      const form = new FormData();
      form.set("locale", "en");
      form.set("returnTo", value);
      const target = await redirectOf(() => setLocale(form));
      expectSameOriginPath(target);
      expect(target).toBe("/");
    }
  });

  it("the sign-in guard, which carries the return path to /login", async () => {
    for (const value of HOSTILE_STRINGS) {
      resetRequest();
      const target = await redirectOf(() => requireUser({ returnTo: value }));
      expectSameOriginPath(target);
      const carried = new URL(target, "https://portal.test").searchParams.get("callbackUrl");
      expect(carried).toBe("/account");
    }
  });
});
