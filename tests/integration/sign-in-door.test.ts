/**
 * One door into a session (docs/decisions/0020), on SQLite and PostgreSQL: every way in — password,
 * passkey, a returning social identity, and the social link at /login/link — meets the same risk
 * assessment, block, second-factor and staff rules. The table runs each path against a customer
 * with an authenticator app, a staff member, a medium-risk and a high-risk sign-in; then the social
 * paths are completed at /login/verify, and a brand-new social account stays frictionless but is
 * still assessed.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { hashPassword } from "@/lib/server/passwords/password-hash";
import { hashToken } from "@/lib/server/crypto/token-hash";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { decryptValue } from "@/lib/server/crypto/encryption";
import { sendSignInEmailCode } from "@/lib/server/factors/email-codes";
import { generateTotpCode } from "@/lib/server/factors/totp";
import { confirmTotpEnrolment, startTotpEnrolment } from "@/lib/server/factors/totp-factors";
import { signInWithPassword } from "@/lib/server/identity/sign-in";
import { completeSocialLink } from "@/lib/server/identity/social-link";
import { completeSocialSignIn } from "@/lib/server/identity/social-login";
import { verifySecondFactor } from "@/lib/server/identity/verify-second-factor";
import { passkeyAuthenticationOptions } from "@/lib/server/passkeys/passkey-authentication";
import { signInWithPasskey } from "@/lib/server/passkeys/passkey-sign-in";
import { DELETION_PENDING_PATH } from "@/lib/server/privacy/account-deletion";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { seedDatabase } from "../../prisma/seed";
import { SoftwareAuthenticator } from "../support/software-authenticator";

vi.mock("@/lib/server/identity/notify", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/server/identity/notify")>()),
  sendMailInBackground: () => undefined,
}));

const db = createPrismaClient();
const PASSWORD = "Eine Tür für alle Wege hinein";
const BERLIN = { country: "DE", city: "Berlin", latitude: 52.52, longitude: 13.405 };
const PARIS = { country: "FR", city: "Paris", latitude: 48.8566, longitude: 2.3522 };
const NEW_YORK = { country: "US", city: "New York", latitude: 40.7128, longitude: -74.006 };
const unique = () => randomBytes(6).toString("hex");
const uniqueIp = () => `2001:db8:d00:${unique().slice(0, 4)}::${unique().slice(0, 4)}`;

type Place = typeof BERLIN | null;
const clientAt = (location: Place): ClientInfo => ({
  ip: uniqueIp(),
  userAgent: "vitest",
  browser: "Chrome",
  os: "Linux",
  location,
});

type Person = {
  id: string;
  email: string;
  handle: string;
  authenticator: SoftwareAuthenticator;
  subject: string;
  totpSecret: string | null;
};

/** A person with every way in: password, passkey and a linked social identity. */
async function person(opts: { role?: "CUSTOMER" | "SUPPORT"; totp?: boolean } = {}): Promise<Person> {
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
async function signedInBefore(userId: string, place: typeof BERLIN, hoursAgo: number) {
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

const PATHS: Record<string, (a: Attempt) => Promise<Outcome>> = {
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

function normalise(result: {
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

type Scenario = {
  setUp: () => Promise<{ person: Person; client: ClientInfo }>;
  /** Per path: what the door must answer. */
  expected: Record<keyof typeof PATHS, "session" | "second-factor" | "blocked">;
  factors?: string[];
};

const SCENARIOS: Record<string, Scenario> = {
  "a customer with an authenticator app": {
    setUp: async () => ({ person: await person({ totp: true }), client: clientAt(null) }),
    // A user-verified passkey already is two factors.
    expected: {
      password: "second-factor",
      passkey: "session",
      social: "second-factor",
      "social link": "second-factor",
    },
    factors: ["TOTP", "RECOVERY_CODE"],
  },
  "a staff member": {
    setUp: async () => ({ person: await person({ role: "SUPPORT" }), client: clientAt(null) }),
    expected: {
      password: "second-factor",
      passkey: "session",
      social: "second-factor",
      "social link": "second-factor",
    },
    factors: ["EMAIL_CODE"],
  },
  "a medium-risk sign-in (new device, new country)": {
    setUp: async () => {
      const p = await person();
      await signedInBefore(p.id, BERLIN, 24);
      return { person: p, client: clientAt(PARIS) };
    },
    expected: {
      password: "second-factor",
      passkey: "session",
      social: "second-factor",
      "social link": "second-factor",
    },
    factors: ["EMAIL_CODE"],
  },
  "a high-risk sign-in (impossible travel from a new device)": {
    setUp: async () => {
      const p = await person();
      await signedInBefore(p.id, BERLIN, 1);
      return { person: p, client: clientAt(NEW_YORK) };
    },
    expected: { password: "blocked", passkey: "blocked", social: "blocked", "social link": "blocked" },
  },
};

const countAudit = (userId: string, type: string) =>
  db.auditEvent.count({ where: { subjectUserId: userId, type } });

beforeAll(async () => {
  vi.stubEnv("APP_URL", "http://localhost:3999");
  vi.stubEnv("OIDC_PROVIDERS", "testidp");
  vi.stubEnv("OIDC_TESTIDP_ISSUER", "http://localhost:3127");
  vi.stubEnv("OIDC_TESTIDP_CLIENT_ID", "portal-e2e");
  vi.stubEnv("OIDC_TESTIDP_CLIENT_SECRET", "portal-e2e-secret");
  await seedDatabase(db, { demo: "off", isPublicUrl: false });
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await db.$disconnect();
});

describe("every way in meets the same rules", () => {
  for (const [scenarioName, scenario] of Object.entries(SCENARIOS)) {
    for (const path of Object.keys(PATHS)) {
      const expected = scenario.expected[path]!;
      it(`${path} × ${scenarioName} → ${expected}`, async () => {
        const { person: p, client } = await scenario.setUp();
        const sessionsBefore = await db.session.count({ where: { userId: p.id } });
        const assessedBefore = await countAudit(p.id, "auth.risk_assessed");

        const outcome = await PATHS[path]!({ person: p, client, deviceCookieId: `device-${unique()}` });

        expect(outcome.kind).toBe(expected);
        expect(await countAudit(p.id, "auth.risk_assessed")).toBe(assessedBefore + 1);
        if (expected !== "session") {
          expect(await db.session.count({ where: { userId: p.id } })).toBe(sessionsBefore);
        }
        if (expected === "blocked") {
          expect(await countAudit(p.id, "auth.sign_in_blocked_by_risk")).toBe(1);
        }
        if (expected === "second-factor" && outcome.pendingToken) {
          const pending = await db.pendingSignIn.findUniqueOrThrow({
            where: { tokenHash: hashToken(outcome.pendingToken) },
          });
          expect(pending.userId).toBe(p.id);
          expect(pending.allowedFactors).toEqual(scenario.factors);
        }
        if (path === "social link") {
          // Nothing is linked before the sign-in is complete.
          const linked = await db.socialIdentity.count({ where: { userId: p.id } });
          expect(linked).toBe(expected === "session" ? 2 : 1);
        }
      });
    }
  }
});

describe("the social paths complete at /login/verify", () => {
  it("a returning social identity with an authenticator app signs in with provider + TOTP at AAL2", async () => {
    const p = await person({ totp: true });
    const deviceCookieId = `device-${unique()}`;
    const client = clientAt(null);
    const outcome = await PATHS.social!({ person: p, client, deviceCookieId });
    if (!outcome.pendingToken) throw new Error(`expected a second step, got ${outcome.kind}`);
    const pending = await db.pendingSignIn.findUniqueOrThrow({
      where: { tokenHash: hashToken(outcome.pendingToken) },
    });
    expect(pending.firstFactor).toBe("SOCIAL");

    const code = generateTotpCode({ secret: p.totpSecret!, now: Date.now() + 30_000 });
    const done = await verifySecondFactor({
      pendingToken: outcome.pendingToken,
      method: "TOTP",
      code,
      deviceCookieId,
      client,
    });
    if (!done.ok) throw new Error(`verify failed: ${done.code}`);
    expect(await db.session.findUniqueOrThrow({ where: { id: done.session.id } })).toMatchObject({
      userId: p.id,
      aal: 2,
      authMethods: ["SOCIAL", "TOTP"],
    });
    expect(await db.signInAttempt.findFirstOrThrow({ where: { sessionId: done.session.id } })).toMatchObject({
      method: "SOCIAL",
      secondFactorMethod: "TOTP",
      result: "SUCCEEDED",
    });
  });

  it("the social link links the identity only once the second factor has passed", async () => {
    const p = await person({ role: "SUPPORT" });
    const deviceCookieId = `device-${unique()}`;
    const client = clientAt(null);
    const subject = `other-${unique()}`;
    const requested = await completeSocialSignIn({
      provider: "testidp",
      subject,
      email: p.email,
      emailVerified: true,
      client,
      deviceCookieId,
      locale: "de",
    });
    if (requested.kind !== "link-required") throw new Error(`expected link-required, got ${requested.kind}`);
    const outcome = normalise(
      await completeSocialLink({ token: requested.token, password: PASSWORD, deviceCookieId, client }),
    );
    if (!outcome.pendingToken) throw new Error(`expected a second step, got ${outcome.kind}`);
    expect(await db.socialIdentity.count({ where: { subject } })).toBe(0);
    // The link token is spent by the proven password: it cannot start a second pending sign-in.
    expect(
      await completeSocialLink({ token: requested.token, password: PASSWORD, deviceCookieId, client }),
    ).toEqual({ ok: false, code: "INVALID_LINK" });

    const pending = await db.pendingSignIn.findUniqueOrThrow({
      where: { tokenHash: hashToken(outcome.pendingToken) },
    });
    const code = await sendSignInEmailCode({
      pendingSignInId: pending.id,
      user: { id: p.id, email: p.email, locale: "de" },
      client,
    });
    const done = await verifySecondFactor({
      pendingToken: outcome.pendingToken,
      method: "EMAIL_CODE",
      code,
      deviceCookieId,
      client,
    });
    if (!done.ok) throw new Error(`verify failed: ${done.code}`);
    expect(await db.socialIdentity.findFirstOrThrow({ where: { subject } })).toMatchObject({ userId: p.id });
    expect(await db.session.findUniqueOrThrow({ where: { id: done.session.id } })).toMatchObject({
      aal: 2,
      authMethods: ["PASSWORD", "SOCIAL", "EMAIL_CODE"],
    });
    expect(await countAudit(p.id, "auth.social_linked")).toBe(1);
  });

  it("a social sign-in during the deletion grace period continues to the cancel page after the code", async () => {
    const p = await person({ totp: true });
    await db.user.update({ where: { id: p.id }, data: { status: "PENDING_DELETION" } });
    const outcome = await PATHS.social!({
      person: p,
      client: clientAt(null),
      deviceCookieId: `d-${unique()}`,
    });
    if (!outcome.pendingToken) throw new Error(`expected a second step, got ${outcome.kind}`);
    const pending = await db.pendingSignIn.findUniqueOrThrow({
      where: { tokenHash: hashToken(outcome.pendingToken) },
    });
    expect(pending.returnTo).toBe(DELETION_PENDING_PATH);
  });

  it("a brand-new social account signs in without a second step, but its sign-in is assessed", async () => {
    const email = `door.new.${unique()}@example.com`;
    // New device from a new country would ask an existing customer for a code; a new account
    // has nothing to prove it with and nothing to compare against.
    const result = await completeSocialSignIn({
      provider: "testidp",
      subject: `sub-${unique()}`,
      email,
      emailVerified: true,
      client: clientAt(PARIS),
      deviceCookieId: `device-${unique()}`,
      locale: "de",
    });
    if (result.kind !== "signed-in") throw new Error(`expected signed-in, got ${result.kind}`);
    expect(result.isNewUser).toBe(true);
    expect(await countAudit(result.userId, "auth.risk_assessed")).toBe(1);
    expect(await countAudit(result.userId, "auth.social_signed_up")).toBe(1);
  });
});
