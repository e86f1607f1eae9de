/**
 * E2E fixtures that work on the database of the server under test: create customers and sign a
 * browser context in by creating a session row and its cookie (only the login tests use the UI).
 */
import type { BrowserContext } from "@playwright/test";
import { hashPassword } from "../../../lib/server/passwords/password-hash";
import { SESSION_COOKIE } from "../../../lib/auth/cookie-names";
import { hashToken, newSessionToken } from "../../../lib/server/crypto/token-hash";
import { createPrismaClient, type Db } from "../../../lib/db/prisma-client";

export const E2E_DATABASE_URL = "file:./tests/.tmp/e2e/portal.db";
export const E2E_BASE_URL = `http://localhost:${process.env.E2E_PORT ?? 3100}`;

let client: Db | undefined;
export function e2eDb(): Db {
  client ??= createPrismaClient(E2E_DATABASE_URL);
  return client;
}

export function uniqueEmail(prefix: string): string {
  return `${prefix}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@example.com`;
}

export async function createCustomer(
  opts: { email?: string; password?: string; verified?: boolean; displayName?: string } = {},
) {
  const email = opts.email ?? uniqueEmail("kundin");
  const password = opts.password ?? "Heute scheint die Sonne über Hamburg";
  const user = await e2eDb().user.create({
    data: {
      email,
      emailNormalized: email.toLowerCase(),
      emailVerifiedAt: opts.verified === false ? null : new Date(),
      displayName: opts.displayName ?? null,
      roles: { create: { role: "CUSTOMER" } },
      passwordCredential: { create: { hash: await hashPassword(password) } },
    },
  });
  return { id: user.id, email, password };
}

/** A staff sign-in with a user-verified passkey: the AAL2 session every staff page wants (0040). */
export const STAFF_SESSION = { authMethods: ["PASSWORD", "PASSKEY"], aal: 2 } as const;

/** Signs the context in as the user by creating a database session and setting its cookie. */
export async function signInAs(
  context: BrowserContext,
  userId: string,
  strength: { authMethods: readonly string[]; aal: number } = { authMethods: ["PASSWORD"], aal: 1 },
): Promise<string> {
  const token = newSessionToken();
  const now = Date.now();
  const session = await e2eDb().session.create({
    data: {
      tokenHash: hashToken(token),
      userId,
      idleExpiresAt: new Date(now + 3_600_000),
      absoluteExpiresAt: new Date(now + 86_400_000),
      authMethods: [...strength.authMethods],
      aal: strength.aal,
      userAgent: "E2E fixture",
    },
  });
  await context.addCookies([
    { name: SESSION_COOKIE, value: token, url: E2E_BASE_URL, httpOnly: true, sameSite: "Lax" },
  ]);
  return session.id;
}

/**
 * Gives a staff member the second factor requirePermission demands, as a passkey record whose key is
 * never used (a TOTP row would need a secret sealed with the server's data key).
 */
export async function giveSecondFactor(userId: string): Promise<void> {
  await e2eDb().passkey.create({
    data: {
      userId,
      credentialId: `e2e-${Date.now()}-${Math.random().toString(36).slice(2)}`,
      publicKey: new Uint8Array(77),
      deviceType: "SINGLE_DEVICE",
      backedUp: false,
      name: "E2E",
    },
  });
}
