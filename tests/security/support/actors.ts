/**
 * The people of the attack suite, created directly in the database of the server under test
 * (tests/e2e/support/users.ts): customers, staff with the second factor requirePermission wants, and
 * sessions as rows whose token the test holds, fresh or stale (older than the step-up window).
 */
import { hashPassword } from "../../../lib/server/passwords/password-hash";
import { hashToken, newSessionToken } from "../../../lib/server/crypto/token-hash";
import { e2eDb, giveSecondFactor, uniqueEmail } from "../../e2e/support/users";
import { clientIp, PortalClient } from "./portal-client";

export const ROLES = ["CUSTOMER", "SUPPORT", "MARKETING", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

export const PASSWORD = "Heute scheint die Sonne über Hamburg";
let passwordHash: Promise<string> | undefined;

export type Actor = { id: string; email: string; password: string; role: Role };

/** A verified account with the password above; staff get a passkey row as their second factor. */
export async function createActor(
  role: Role,
  opts: { verified?: boolean; email?: string; withPassword?: boolean } = {},
): Promise<Actor> {
  passwordHash ??= hashPassword(PASSWORD);
  const email = opts.email ?? uniqueEmail(role.toLowerCase());
  const user = await e2eDb().user.create({
    data: {
      email,
      emailNormalized: email.trim().toLowerCase(),
      emailVerifiedAt: opts.verified === false ? null : new Date(),
      roles: { create: { role } },
      communicationPreference: { create: {} },
      ...(opts.withPassword === false
        ? {}
        : { passwordCredential: { create: { hash: await passwordHash } } }),
    },
  });
  if (role !== "CUSTOMER") await giveSecondFactor(user.id);
  return { id: user.id, email, password: PASSWORD, role };
}

export type SessionOptions = {
  /** Authenticated an hour ago: older than STEP_UP_MAX_AGE_SECONDS (600). */
  stale?: boolean;
  authMethods?: string[];
  aal?: 1 | 2;
};

/**
 * A sign-in with the password and a user-verified passkey: as strong as any account's strongest
 * factor, so factor changes need nothing more of it than recency (docs/decisions/0024). Sessions
 * default to the password alone, which is enough only for an account without a passkey or app.
 */
export const STRONGEST: SessionOptions = { authMethods: ["PASSWORD", "PASSKEY"], aal: 2 };

/** A live session row for the user; returns its bearer token and id. */
export async function createSession(userId: string, opts: SessionOptions = {}) {
  const token = newSessionToken();
  const now = Date.now();
  const session = await e2eDb().session.create({
    data: {
      tokenHash: hashToken(token),
      userId,
      idleExpiresAt: new Date(now + 3_600_000),
      absoluteExpiresAt: new Date(now + 86_400_000),
      authenticatedAt: new Date(opts.stale ? now - 3_600_000 : now),
      authMethods: opts.authMethods ?? ["PASSWORD"],
      aal: opts.aal ?? 1,
      userAgent: "security suite fixture",
    },
  });
  return { token, sessionId: session.id };
}

/** A client of its own address, signed in as the user. */
export async function signedInClient(userId: string, opts: SessionOptions & { label?: string } = {}) {
  const { token, sessionId } = await createSession(userId, opts);
  return { client: new PortalClient(clientIp(opts.label ?? userId), { sessionToken: token }), sessionId };
}

/** Whether a session token still opens the account area (the server's answer, not the row's). */
export async function sessionWorks(token: string, ip = clientIp("probe")): Promise<boolean> {
  const response = await new PortalClient(ip, { sessionToken: token }).fetch("/account");
  return response.status === 200;
}

/** A street address in the customer's book, written directly (no request needed to own one). */
export function createAddress(userId: string, label?: string) {
  return e2eDb().address.create({
    data: {
      userId,
      label: label ?? null,
      recipientName: "Erika Mustermann",
      street: "Heidestraße",
      houseNumber: "17",
      postalCode: "51147",
      city: "Köln",
      country: "DE",
    },
  });
}
