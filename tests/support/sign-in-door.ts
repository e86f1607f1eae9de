/**
 * The people and the four ways in of the one-door tests (docs/decisions/0020): password, passkey,
 * a returning social identity and the social link at /login/link, each answering with what the
 * door did (session, second factor, blocked). `db` is this module's own client: vitest loads the
 * module once per test file, and `closeDoor` disconnects it.
 */
import { randomBytes } from "node:crypto";
import { vi } from "vitest";
import { hashPassword } from "@/lib/server/passwords/password-hash";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { decryptValue } from "@/lib/server/crypto/encryption";
import { generateTotpCode } from "@/lib/server/factors/totp";
import { confirmTotpEnrolment, startTotpEnrolment } from "@/lib/server/factors/totp-factors";
import { signInWithPassword } from "@/lib/server/identity/sign-in";
import { completeSocialLink } from "@/lib/server/identity/social-link";
import { completeSocialSignIn } from "@/lib/server/identity/social-login";
import { passkeyAuthenticationOptions } from "@/lib/server/passkeys/passkey-authentication";
import { signInWithPasskey } from "@/lib/server/passkeys/passkey-sign-in";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { seedDatabase } from "../../prisma/seed";
import { SoftwareAuthenticator } from "./software-authenticator";

export const db = createPrismaClient();
export const PASSWORD = "Eine Tür für alle Wege hinein";
export const BERLIN = { country: "DE", city: "Berlin", latitude: 52.52, longitude: 13.405 };
export const PARIS = { country: "FR", city: "Paris", latitude: 48.8566, longitude: 2.3522 };
export const NEW_YORK = { country: "US", city: "New York", latitude: 40.7128, longitude: -74.006 };
export const unique = () => randomBytes(6).toString("hex");
const uniqueIp = () => `2001:db8:d00:${unique().slice(0, 4)}::${unique().slice(0, 4)}`;

type Place = typeof BERLIN | null;
export const clientAt = (location: Place): ClientInfo => ({
  ip: uniqueIp(),
  userAgent: "vitest",
  browser: "Chrome",
  os: "Linux",
  location,
});

export type Person = {
  id: string;
  email: string;
  handle: string;
  authenticator: SoftwareAuthenticator;
  subject: string;
  totpSecret: string | null;
};

/** A person with every way in: password, passkey and a linked social identity. */
export async function person(opts: { role?: "CUSTOMER" | "SUPPORT"; totp?: boolean } = {}): Promise<Person> {
  const email = `door.${unique()}@example.com`;
  const handle = randomBytes(16).toString("base64url");
  const subject = `sub-${unique()}`;
  const authenticator = new SoftwareAuthenticator();
  const user = await db.user.create({
    data: {
      email,
      emailNormalized: email,
      emailVerifiedAt: new Date(),
      webauthnUserId: handle,
      roles: { create: { role: opts.role ?? "CUSTOMER" } },
      passwordCredential: { create: { hash: await hashPassword(PASSWORD) } },
      socialIdentities: { create: { provider: "testidp", subject, email } },
      passkeys: {
        create: {
          credentialId: authenticator.credentialId,
          publicKey: authenticator.publicKey,
          deviceType: "MULTI_DEVICE",
          backedUp: true,
          name: "Software",
        },
      },
    },
  });
  let totpSecret: string | null = null;
  if (opts.totp) {
    await startTotpEnrolment(user.id);
    const factor = await db.totpFactor.findUniqueOrThrow({ where: { userId: user.id } });
    totpSecret = decryptValue(factor.secretCiphertext);
    const codes = await confirmTotpEnrolment({
      userId: user.id,
      code: generateTotpCode({ secret: totpSecret }),
      client: clientAt(null),
    });
    if (!codes) throw new Error("TOTP enrolment failed");
  }
  return { id: user.id, email, handle, authenticator, subject, totpSecret };
}

/** A successful sign-in on record: where the person was, and when. */
export async function signedInBefore(userId: string, place: typeof BERLIN, hoursAgo: number) {
  await db.signInAttempt.create({
    data: {
      userId,
      method: "PASSWORD",
      result: "SUCCEEDED",
      ip: uniqueIp(),
      createdAt: new Date(Date.now() - hoursAgo * 3_600_000),
      ...place,
    },
  });
}

type Outcome = { kind: string; sessionId?: string; pendingToken?: string };

type Attempt = { person: Person; client: ClientInfo; deviceCookieId: string };

export const PATHS: Record<string, (a: Attempt) => Promise<Outcome>> = {
  password: async ({ person, client, deviceCookieId }) =>
    normalise(
      await signInWithPassword({
        email: person.email,
        password: PASSWORD,
        rememberMe: false,
        deviceCookieId,
        client,
      }),
    ),
  passkey: async ({ person, client, deviceCookieId }) => {
    const options = await passkeyAuthenticationOptions({ tx: db });
    const response = person.authenticator.assert(options.challenge, { userHandle: person.handle });
    return normalise(await signInWithPasskey({ response, deviceCookieId, client }));
  },
  social: async ({ person, client, deviceCookieId }) => {
    const result = await completeSocialSignIn({
      provider: "testidp",
      subject: person.subject,
      email: person.email,
      emailVerified: true,
      client,
      deviceCookieId,
      locale: "de",
    });
    return normaliseSocial(result);
  },
  "social link": async ({ person, client, deviceCookieId }) => {
    // Another provider account with the same verified address: /login/link asks for the password.
    const requested = await completeSocialSignIn({
      provider: "testidp",
      subject: `other-${unique()}`,
      email: person.email,
      emailVerified: true,
      client,
      deviceCookieId,
      locale: "de",
    });
    if (requested.kind !== "link-required") return { kind: requested.kind };
    return normalise(
      await completeSocialLink({ token: requested.token, password: PASSWORD, deviceCookieId, client }),
    );
  },
};

export function normalise(result: {
  ok: boolean;
  code?: string;
  session?: { id: string };
  pendingToken?: string;
}): Outcome {
  if (result.ok && result.session) return { kind: "session", sessionId: result.session.id };
  if (result.code === "SECOND_FACTOR_REQUIRED" && result.pendingToken)
    return { kind: "second-factor", pendingToken: result.pendingToken };
  if (result.code === "BLOCKED_BY_RISK") return { kind: "blocked" };
  return { kind: result.code ?? "unknown" };
}

function normaliseSocial(result: { kind: string; session?: { id: string }; pendingToken?: string }): Outcome {
  if (result.kind === "signed-in" && result.session) return { kind: "session", sessionId: result.session.id };
  if (result.kind === "second-factor" && result.pendingToken)
    return { kind: "second-factor", pendingToken: result.pendingToken };
  return { kind: result.kind };
}

export const countAudit = (userId: string, type: string) =>
  db.auditEvent.count({ where: { subjectUserId: userId, type } });

/** The test identity provider the social paths sign in with, and the seeded roles and purposes. */
export async function openDoor() {
  vi.stubEnv("APP_URL", "http://localhost:3999");
  vi.stubEnv("OIDC_PROVIDERS", "testidp");
  vi.stubEnv("OIDC_TESTIDP_ISSUER", "http://localhost:3127");
  vi.stubEnv("OIDC_TESTIDP_CLIENT_ID", "portal-e2e");
  vi.stubEnv("OIDC_TESTIDP_CLIENT_SECRET", "portal-e2e-secret");
  await seedDatabase(db, { demo: "off", isPublicUrl: false });
}

export async function closeDoor() {
  vi.unstubAllEnvs();
  await db.$disconnect();
}
