/**
 * Customers with factors, signed-in requests with a chosen last authentication, and what changed
 * (factors, audit events, notice mails), for the factor-change tests (docs/decisions/0024). `db` is
 * this module's own client: vitest loads the module once per test file, and each file disconnects it.
 */
import { randomBytes } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { disableTotpAction } from "@/lib/actions/factors";
import { hashPassword } from "@/lib/server/passwords/password-hash";
import { SESSION_COOKIE } from "@/lib/auth/cookie-names";
import { hashToken, newSessionToken } from "@/lib/server/crypto/token-hash";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { decryptValue } from "@/lib/server/crypto/encryption";
import { generateTotpCode } from "@/lib/server/factors/totp";
import { confirmTotpEnrolment, startTotpEnrolment } from "@/lib/server/factors/totp-factors";
import { request } from "./next-request";
import { SoftwareAuthenticator } from "./software-authenticator";

export const db = createPrismaClient();

export const PASSWORD = "Nur mit dem stärksten Faktor";
export const client = { ip: "198.51.100.61", userAgent: "vitest", browser: null, os: null, location: null };
export const HOUR_AGO = () => new Date(Date.now() - 3_600_000);
/**
 * The action takes no input now; before the fix it took { proof, secret }, which is passed so the
 * same test ran against that code too (and showed the password alone turning the app off).
 */
export const turnOffApp = disableTotpAction as (input?: unknown) => ReturnType<typeof disableTotpAction>;

export async function customer(opts: { totp?: boolean; passkeys?: SoftwareAuthenticator[] } = {}) {
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
export async function signedIn(
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

export async function factorsOf(userId: string) {
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

export async function auditTypes(userId: string): Promise<string[]> {
  const events = await db.auditEvent.findMany({
    where: { subjectUserId: userId },
    orderBy: { sequence: "asc" },
  });
  return events.map((e) => e.type);
}

/** The notice mail in the test outbox (MAIL_OUTBOX_DIR), sent off the request path. */
export async function waitForOutboxMail(to: string, template: string): Promise<string> {
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
