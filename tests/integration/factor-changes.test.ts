/**
 * Changing a factor needs the account's strongest factor (docs/decisions/0024), on SQLite and
 * PostgreSQL, through the real server actions (only Next's request APIs are stand-ins): a session
 * whose last authentication was weaker than the strongest factor, however recent, is sent to the
 * step-up; the step-up with the strongest factor lets the change through, which is audited and
 * mailed; the step-up is throttled and its failures audited. Every action of
 * tests/support/factor-changing-actions.ts is tried with a too-weak session.
 */
import { randomBytes } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { changeEmailAction, changePasswordAction } from "@/lib/actions/account-security";
import {
  confirmTotpAction,
  disableTotpAction,
  regenerateRecoveryCodesAction,
  startTotpEnrolmentAction,
} from "@/lib/actions/factors";
import {
  finishPasskeyRegistrationAction,
  removePasskeyAction,
  startPasskeyRegistrationAction,
} from "@/lib/actions/passkeys";
import { startSocialConnectAction, unlinkSocialIdentityAction } from "@/lib/actions/social";
import {
  finishStepUpPasskeyAction,
  startStepUpPasskeyAction,
  stepUpWithPasswordAction,
} from "@/lib/actions/step-up";
import { hashPassword } from "@/lib/server/passwords/password-hash";
import { SESSION_COOKIE } from "@/lib/auth/cookie-names";
import { hashToken, newSessionToken } from "@/lib/server/crypto/token-hash";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { decryptValue } from "@/lib/server/crypto/encryption";
import { generateTotpCode } from "@/lib/server/factors/totp";
import { confirmTotpEnrolment, startTotpEnrolment } from "@/lib/server/factors/totp-factors";
import { FACTOR_CHANGING_ACTIONS } from "../support/factor-changing-actions";
import { redirectOf, request, resetRequest } from "../support/next-request";
import { SoftwareAuthenticator } from "../support/software-authenticator";

vi.mock("next/headers", async () => (await import("../support/next-request")).nextHeaders);
vi.mock("next/navigation", async () => (await import("../support/next-request")).nextNavigation);
vi.mock("next/cache", async () => (await import("../support/next-request")).nextCache);
vi.mock("next-intl/server", async () => (await import("../support/next-request")).nextIntlServer);

const db = createPrismaClient();
afterAll(() => db.$disconnect());

const PASSWORD = "Nur mit dem stärksten Faktor";
const client = { ip: "198.51.100.61", userAgent: "vitest", browser: null, os: null, location: null };
const HOUR_AGO = () => new Date(Date.now() - 3_600_000);
/**
 * The action takes no input now; before the fix it took { proof, secret }, which is passed so the
 * same test ran against that code too (and showed the password alone turning the app off).
 */
const turnOffApp = disableTotpAction as (input?: unknown) => ReturnType<typeof disableTotpAction>;

beforeEach(() => resetRequest({ ip: client.ip }));

async function customer(opts: { totp?: boolean; passkeys?: SoftwareAuthenticator[] } = {}) {
  const email = `factors.${Date.now()}.${Math.random().toString(36).slice(2)}@example.com`;
  const handle = randomBytes(16).toString("base64url");
  const user = await db.user.create({
    data: {
      email,
      emailNormalized: email,
      webauthnUserId: handle,
      emailVerifiedAt: new Date(),
      roles: { create: { role: "CUSTOMER" } },
      passwordCredential: { create: { hash: await hashPassword(PASSWORD) } },
      passkeys: {
        create: (opts.passkeys ?? []).map((p, i) => ({
          credentialId: p.credentialId,
          publicKey: p.publicKey,
          deviceType: "MULTI_DEVICE",
          backedUp: true,
          name: `Software ${i + 1}`,
        })),
      },
      socialIdentities: { create: { provider: "test-idp", subject: `sub-${email}`, email } },
    },
  });
  let secret = "";
  if (opts.totp) {
    await startTotpEnrolment(user.id);
    const factor = await db.totpFactor.findUniqueOrThrow({ where: { userId: user.id } });
    secret = decryptValue(factor.secretCiphertext);
    await confirmTotpEnrolment({ userId: user.id, code: generateTotpCode({ secret }), client });
  }
  return { id: user.id, email, secret, handle };
}

/** This request is signed in with a session whose last authentication used `methods`. */
async function signedIn(
  userId: string,
  opts: { methods: string[]; aal?: number; authenticatedAt?: Date },
): Promise<string> {
  const token = newSessionToken();
  const session = await db.session.create({
    data: {
      tokenHash: hashToken(token),
      userId,
      idleExpiresAt: new Date(Date.now() + 3_600_000),
      absoluteExpiresAt: new Date(Date.now() + 86_400_000),
      authMethods: opts.methods,
      aal: opts.aal ?? 1,
      authenticatedAt: opts.authenticatedAt ?? new Date(),
    },
  });
  request.cookies.set(SESSION_COOKIE, token);
  return session.id;
}

async function factorsOf(userId: string) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    include: {
      totpFactor: true,
      passwordCredential: true,
      _count: { select: { passkeys: true, socialIdentities: true, recoveryCodes: true } },
    },
  });
  return {
    email: user.email,
    totp: user.totpFactor?.confirmedAt ? "active" : user.totpFactor ? "enrolling" : "none",
    password: user.passwordCredential?.hash,
    ...user._count,
  };
}

async function auditTypes(userId: string): Promise<string[]> {
  const events = await db.auditEvent.findMany({
    where: { subjectUserId: userId },
    orderBy: { sequence: "asc" },
  });
  return events.map((e) => e.type);
}

/** The notice mail in the test outbox (MAIL_OUTBOX_DIR), sent off the request path. */
async function waitForOutboxMail(to: string, template: string): Promise<string> {
  const dir = path.resolve(process.env.MAIL_OUTBOX_DIR ?? "tests/.tmp/outbox");
  for (let i = 0; i < 50; i++) {
    for (const file of (await readdir(dir).catch(() => [])).filter((f) => f.includes(`-${template}-`))) {
      const text = await readFile(path.join(dir, file), "utf8");
      if (text.includes(to)) return text;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no ${template} mail to ${to}`);
}

describe("the authenticator app", () => {
  it("cannot be turned off by a session whose last step-up was the password alone", async () => {
    const user = await customer({ totp: true });
    await signedIn(user.id, { methods: ["PASSWORD"] });

    const result = await turnOffApp({ proof: "password", secret: PASSWORD });
    expect(result).toMatchObject({ ok: false, code: "STEP_UP_REQUIRED" });
    expect((await factorsOf(user.id)).totp).toBe("active");
    expect(await auditTypes(user.id)).toContain("auth.strong_auth_required");
  });

  it("is turned off after a step-up with password and code; the customer is told by mail", async () => {
    const user = await customer({ totp: true });
    await signedIn(user.id, { methods: ["PASSWORD", "TOTP"], aal: 2, authenticatedAt: HOUR_AGO() });

    expect(await turnOffApp()).toMatchObject({
      ok: false,
      code: "STEP_UP_REQUIRED",
    });
    // The password alone does not confirm an account with the app.
    expect(await stepUpWithPasswordAction({ password: PASSWORD })).toMatchObject({ ok: false });
    const next = generateTotpCode({ secret: user.secret, now: Date.now() + 30_000 });
    expect(await stepUpWithPasswordAction({ password: PASSWORD, totpCode: next })).toEqual({
      ok: true,
      data: null,
    });

    expect(await turnOffApp()).toEqual({ ok: true, data: { disabled: true } });
    expect(await factorsOf(user.id)).toMatchObject({ totp: "none", recoveryCodes: 0 });
    expect(await auditTypes(user.id)).toEqual(
      expect.arrayContaining(["auth.step_up_succeeded", "auth.totp_disabled"]),
    );
    expect(await waitForOutboxMail(user.email, "factor-removed")).toContain("Authenticator-App");
  });

  it("can be turned off by a session that signed in with a recovery code (the phone is lost)", async () => {
    const user = await customer({ totp: true });
    await signedIn(user.id, { methods: ["PASSWORD", "RECOVERY_CODE"], aal: 2 });
    expect(await turnOffApp()).toEqual({ ok: true, data: { disabled: true } });
    expect((await factorsOf(user.id)).totp).toBe("none");
  });

  it("throttles the step-up in front of it and audits every failure", async () => {
    const user = await customer({ totp: true });
    await signedIn(user.id, { methods: ["PASSWORD", "TOTP"], aal: 2, authenticatedAt: HOUR_AGO() });
    let attempts = 0;
    let last = await stepUpWithPasswordAction({ password: PASSWORD, totpCode: "000000" });
    while (last.ok === false && last.code !== "RATE_LIMITED" && attempts < 12) {
      attempts++;
      last = await stepUpWithPasswordAction({ password: PASSWORD, totpCode: `00000${attempts % 10}` });
    }
    expect(last).toMatchObject({ ok: false, code: "RATE_LIMITED" });
    const failures = (await auditTypes(user.id)).filter((t) => t === "auth.step_up_failed");
    expect(failures).toHaveLength(attempts);
    expect(attempts).toBeGreaterThanOrEqual(3);
    expect(await turnOffApp()).toMatchObject({
      ok: false,
      code: "STEP_UP_REQUIRED",
    });
    expect((await factorsOf(user.id)).totp).toBe("active");
  });
});

describe("passkeys", () => {
  it("a passkey user signed in with the password removes a passkey only after a passkey step-up", async () => {
    const [mine, other] = [new SoftwareAuthenticator(), new SoftwareAuthenticator()];
    const user = await customer({ passkeys: [mine, other] });
    await signedIn(user.id, { methods: ["PASSWORD"] });
    const target = await db.passkey.findFirstOrThrow({ where: { credentialId: other.credentialId } });

    expect(await removePasskeyAction({ passkeyId: target.id })).toMatchObject({
      ok: false,
      code: "STEP_UP_REQUIRED",
    });
    expect((await factorsOf(user.id)).passkeys).toBe(2);

    const options = await startStepUpPasskeyAction();
    if (!options.ok) throw new Error(options.code);
    expect(
      await finishStepUpPasskeyAction(mine.assert(options.data.challenge, { userHandle: user.handle })),
    ).toEqual({
      ok: true,
      data: null,
    });
    expect(await removePasskeyAction({ passkeyId: target.id })).toEqual({ ok: true, data: null });
    expect((await factorsOf(user.id)).passkeys).toBe(1);
    expect(await waitForOutboxMail(user.email, "factor-removed")).toContain("Passkey");
  });
});

describe("every factor-changing action", () => {
  /** Each action of the list, called as its form would; true when it refused with a step-up. */
  const attempts: Record<
    (typeof FACTOR_CHANGING_ACTIONS)[number],
    (ids: { passkeyId: string; identityId: string }) => Promise<boolean>
  > = {
    "account-security.changeEmailAction": async () =>
      refused(await changeEmailAction({ newEmail: `neu.${Date.now()}@example.com` })),
    "account-security.changePasswordAction": async () =>
      refused(await changePasswordAction({ newPassword: "Ein ganz neues Passwort 2026" })),
    "factors.confirmTotpAction": async () => refused(await confirmTotpAction({ code: "123456" })),
    "factors.disableTotpAction": async () =>
      refused(await turnOffApp({ proof: "password", secret: PASSWORD })),
    "factors.regenerateRecoveryCodesAction": async () => refused(await regenerateRecoveryCodesAction()),
    "factors.startTotpEnrolmentAction": async () => sentToStepUp(() => startTotpEnrolmentAction()),
    "passkeys.finishPasskeyRegistrationAction": async () =>
      refused(await finishPasskeyRegistrationAction({})),
    "passkeys.removePasskeyAction": async ({ passkeyId }) =>
      refused(await removePasskeyAction({ passkeyId })),
    "passkeys.startPasskeyRegistrationAction": async () => refused(await startPasskeyRegistrationAction()),
    "social.startSocialConnectAction": async () => refused(await startSocialConnectAction("test-idp")),
    "social.unlinkSocialIdentityAction": async ({ identityId }) => {
      const form = new FormData();
      form.set("identityId", identityId);
      return sentToStepUp(() => unlinkSocialIdentityAction(form));
    },
  };

  function refused(result: { ok: boolean; code?: string }): boolean {
    return result.ok === false && result.code === "STEP_UP_REQUIRED";
  }

  async function sentToStepUp(action: () => Promise<unknown>): Promise<boolean> {
    return (await redirectOf(action)).startsWith("/login/step-up?");
  }

  it("is in the table below", () => {
    expect(Object.keys(attempts).sort()).toEqual([...FACTOR_CHANGING_ACTIONS].sort());
  });

  it.each(FACTOR_CHANGING_ACTIONS)(
    "%s refuses a recent session weaker than the strongest factor",
    async (name) => {
      const passkey = new SoftwareAuthenticator();
      // Password + app, and a passkey: the strongest factor is the passkey.
      const user = await customer({ totp: true, passkeys: [passkey] });
      await signedIn(user.id, { methods: ["PASSWORD", "TOTP"], aal: 2 });
      const before = await factorsOf(user.id);
      const passkeyId = (await db.passkey.findFirstOrThrow({ where: { userId: user.id } })).id;
      const identityId = (await db.socialIdentity.findFirstOrThrow({ where: { userId: user.id } })).id;

      expect(await attempts[name]({ passkeyId, identityId })).toBe(true);
      expect(await factorsOf(user.id)).toEqual(before);
      expect(await db.verificationToken.count({ where: { userId: user.id, purpose: "EMAIL_CHANGE" } })).toBe(
        0,
      );
    },
  );
});
