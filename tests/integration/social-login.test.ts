/**
 * Social login's domain functions on a real database (SQLite and PostgreSQL): sign-up, returning
 * identity, no automatic linking, linking after proof, connect from the security page, and the
 * "not the last way to sign in" rule. The ID token is next-auth's business; these tests start
 * where it hands over (lib/auth/social-callback.ts), with a fake ClientInfo and no cookies.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { hashPassword } from "@/lib/server/passwords/password-hash";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { unlinkSocialIdentity } from "@/lib/server/identity/social-identities";
import {
  completeSocialLink,
  connectSocialIdentity,
  describeSocialLink,
} from "@/lib/server/identity/social-link";
import { completeSocialSignIn } from "@/lib/server/identity/social-login";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { seedDatabase } from "../../prisma/seed";

// Mails are captured instead of written to the local outbox (vi.mock is hoisted above the imports).
const mails = vi.hoisted(() => [] as { to: string; template: { name: string } }[]);
vi.mock("@/lib/server/identity/notify", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/server/identity/notify")>()),
  sendMailInBackground: (mail: { to: string; template: { name: string } }) => void mails.push(mail),
}));

const db = createPrismaClient();
const client: ClientInfo = {
  ip: "203.0.113.7",
  userAgent: "vitest",
  browser: null,
  os: null,
  location: null,
};
const PASSWORD = "Ein langer Satz als Passwort";
const unique = () => `${Date.now()}${Math.random().toString(36).slice(2, 8)}`;
const newEmail = () => `social.${unique()}@example.com`;

function assertion(overrides: { email?: string | null; emailVerified?: boolean; subject?: string } = {}) {
  return {
    provider: "testidp",
    subject: overrides.subject ?? `sub-${unique()}`,
    email: overrides.email === undefined ? newEmail() : overrides.email,
    emailVerified: overrides.emailVerified ?? true,
    // Each sign-in from its own address: the risk engine counts accounts per IP (decision 0008).
    client: { ...client, ip: `2001:db8:50c1:${Math.floor(Math.random() * 0xffff).toString(16)}::1` },
    deviceCookieId: `device-${unique()}`,
    locale: "de" as const,
  };
}

async function passwordUser(email = newEmail()) {
  return db.user.create({
    data: {
      email,
      emailNormalized: email,
      emailVerifiedAt: new Date(),
      roles: { create: { role: "CUSTOMER" } },
      passwordCredential: { create: { hash: await hashPassword(PASSWORD) } },
    },
  });
}

const auditTypes = async (userId: string) =>
  (await db.auditEvent.findMany({ where: { subjectUserId: userId }, orderBy: { sequence: "asc" } })).map(
    (e) => e.type,
  );

beforeAll(async () => {
  vi.stubEnv("APP_URL", "http://localhost:3999");
  vi.stubEnv("AUTH_SECRET", "integration-test-secret-0123456789abcdef");
  vi.stubEnv("DATA_ENCRYPTION_KEY", Buffer.alloc(32, 7).toString("base64"));
  vi.stubEnv("OIDC_PROVIDERS", "testidp");
  vi.stubEnv("OIDC_TESTIDP_ISSUER", "http://localhost:3127");
  vi.stubEnv("OIDC_TESTIDP_CLIENT_ID", "portal-e2e");
  vi.stubEnv("OIDC_TESTIDP_CLIENT_SECRET", "portal-e2e-secret");
  vi.stubEnv("OIDC_TESTIDP_NAME", "Test-IdP");
  // Terms and privacy-notice purposes must exist for the consent records of a sign-up.
  await seedDatabase(db, { demo: "off", isPublicUrl: false });
});
beforeEach(() => void mails.splice(0));
afterAll(async () => {
  vi.unstubAllEnvs();
  await db.$disconnect();
});

describe("completeSocialSignIn", () => {
  it("creates a customer account for a new identity, with consents, and signs it in", async () => {
    const input = assertion();
    const result = await completeSocialSignIn(input);
    expect(result).toMatchObject({ kind: "signed-in", isNewUser: true });
    if (result.kind !== "signed-in") return;

    const user = await db.user.findUniqueOrThrow({
      where: { id: result.userId },
      include: { roles: true, passwordCredential: true, socialIdentities: true, consentRecords: true },
    });
    expect(user.emailNormalized).toBe(input.email);
    expect(user.emailVerifiedAt).not.toBeNull();
    expect(user.roles.map((r) => r.role)).toEqual(["CUSTOMER"]);
    expect(user.passwordCredential).toBeNull();
    expect(user.signInCount).toBe(1);
    expect(user.socialIdentities).toMatchObject([{ provider: "testidp", subject: input.subject }]);
    expect(user.consentRecords.map((c) => c.source)).toEqual(["REGISTRATION"]); // terms and privacy notice, one statement

    const session = await db.session.findUniqueOrThrow({ where: { id: result.session.id } });
    expect(session).toMatchObject({ userId: user.id, authMethods: ["SOCIAL"], rememberMe: false });
    expect(await db.signInAttempt.findFirst({ where: { sessionId: session.id } })).toMatchObject({
      method: "SOCIAL",
      result: "SUCCEEDED",
    });
    expect(await auditTypes(user.id)).toContain("auth.social_signed_up");
  });

  it("leaves an address the provider did not verify unverified", async () => {
    const result = await completeSocialSignIn(assertion({ emailVerified: false }));
    if (result.kind !== "signed-in") throw new Error(`expected signed-in, got ${result.kind}`);
    const user = await db.user.findUniqueOrThrow({ where: { id: result.userId } });
    expect(user.emailVerifiedAt).toBeNull();
  });

  it("signs a returning identity in to its account, whatever address the provider now sends", async () => {
    const first = assertion();
    const signedUp = await completeSocialSignIn(first);
    if (signedUp.kind !== "signed-in") throw new Error("sign-up failed");
    const changedEmail = newEmail();
    const again = await completeSocialSignIn({ ...first, email: changedEmail });
    expect(again).toMatchObject({ kind: "signed-in", userId: signedUp.userId, isNewUser: false });

    const identity = await db.socialIdentity.findFirstOrThrow({ where: { subject: first.subject } });
    expect(identity.email).toBe(changedEmail);
    expect(identity.lastUsedAt).not.toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { id: signedUp.userId } })).signInCount).toBe(2);
    expect(await auditTypes(signedUp.userId)).toContain("auth.social_signed_in");
  });

  it("never links to an existing account by email: it asks for proof instead", async () => {
    const existing = await passwordUser();
    const result = await completeSocialSignIn(assertion({ email: existing.email.toUpperCase() }));
    expect(result.kind).toBe("link-required");
    expect(await db.socialIdentity.count({ where: { userId: existing.id } })).toBe(0);
    expect(await db.session.count({ where: { userId: existing.id } })).toBe(0);
    expect(await auditTypes(existing.id)).toEqual(["auth.social_link_requested"]);
    if (result.kind === "link-required") {
      expect(await describeSocialLink(result.token)).toEqual({
        providerName: "Test-IdP",
        maskedEmail: `s***@example.com`,
        hasPassword: true,
      });
    }
  });

  it("refuses an unverified provider address that belongs to an account", async () => {
    const existing = await passwordUser();
    const result = await completeSocialSignIn(assertion({ email: existing.email, emailVerified: false }));
    expect(result).toEqual({ kind: "refused", reason: "EMAIL_IN_USE" });
    expect(await db.verificationToken.count({ where: { userId: existing.id } })).toBe(0);
  });

  it("refuses a new identity without a usable email address", async () => {
    expect(await completeSocialSignIn(assertion({ email: null }))).toEqual({
      kind: "refused",
      reason: "EMAIL_MISSING",
    });
    expect(await completeSocialSignIn(assertion({ email: "not an address" }))).toEqual({
      kind: "refused",
      reason: "EMAIL_MISSING",
    });
  });

  it("refuses the identity of a locked account", async () => {
    const input = assertion();
    const signedUp = await completeSocialSignIn(input);
    if (signedUp.kind !== "signed-in") throw new Error("sign-up failed");
    await db.user.update({ where: { id: signedUp.userId }, data: { status: "LOCKED" } });
    expect(await completeSocialSignIn(input)).toEqual({ kind: "refused", reason: "ACCOUNT_LOCKED" });
  });
});

describe("completeSocialLink", () => {
  it("links only after the account's password, then signs in; the next sign-in needs no proof", async () => {
    const existing = await passwordUser();
    const input = assertion({ email: existing.email });
    const requested = await completeSocialSignIn(input);
    if (requested.kind !== "link-required") throw new Error(`expected link-required, got ${requested.kind}`);
    const base = { token: requested.token, deviceCookieId: input.deviceCookieId, client: input.client };

    expect(await completeSocialLink({ ...base, password: "falsches Passwort" })).toEqual({
      ok: false,
      code: "WRONG_PASSWORD",
    });
    expect(await db.socialIdentity.count({ where: { userId: existing.id } })).toBe(0);
    expect(await describeSocialLink(requested.token)).not.toBeNull(); // a typo does not burn the link

    const linked = await completeSocialLink({ ...base, password: PASSWORD });
    expect(linked.ok).toBe(true);
    if (!linked.ok) return;
    const session = await db.session.findUniqueOrThrow({ where: { id: linked.session.id } });
    expect(session).toMatchObject({ userId: existing.id, authMethods: ["PASSWORD", "SOCIAL"] });
    expect(await db.socialIdentity.findFirst({ where: { subject: input.subject } })).toMatchObject({
      userId: existing.id,
    });
    expect(await auditTypes(existing.id)).toEqual(
      expect.arrayContaining(["auth.sign_in_failed", "auth.social_linked", "auth.social_signed_in"]),
    );
    expect(mails).toContainEqual(
      expect.objectContaining({
        to: existing.email,
        template: expect.objectContaining({ name: "social-account-linked" }),
      }),
    );

    expect(await completeSocialLink({ ...base, password: PASSWORD })).toEqual({
      ok: false,
      code: "INVALID_LINK",
    });
    expect(await completeSocialSignIn(input)).toMatchObject({ kind: "signed-in", userId: existing.id });
  });

  it("sends an account without a password to sign in first", async () => {
    const signedUp = await completeSocialSignIn(assertion());
    if (signedUp.kind !== "signed-in") throw new Error("sign-up failed");
    const owner = await db.user.findUniqueOrThrow({ where: { id: signedUp.userId } });
    const other = await completeSocialSignIn(assertion({ email: owner.email }));
    if (other.kind !== "link-required") throw new Error(`expected link-required, got ${other.kind}`);
    expect(await describeSocialLink(other.token)).toMatchObject({ hasPassword: false });
    expect(
      await completeSocialLink({ token: other.token, password: PASSWORD, deviceCookieId: "d", client }),
    ).toEqual({ ok: false, code: "NO_PASSWORD" });
  });

  it("rejects unknown tokens", async () => {
    expect(await describeSocialLink("no-such-token")).toBeNull();
    expect(
      await completeSocialLink({ token: "no-such-token", password: PASSWORD, deviceCookieId: "d", client }),
    ).toEqual({ ok: false, code: "INVALID_LINK" });
  });
});

describe("connecting and removing identities", () => {
  it("connects a provider to the signed-in account, but not one linked elsewhere", async () => {
    const user = await passwordUser();
    const subject = `sub-${unique()}`;
    const link = { userId: user.id, provider: "testidp", subject, email: user.email, client };
    expect(await connectSocialIdentity(link)).toEqual({ ok: true, alreadyLinked: false });
    expect(await connectSocialIdentity(link)).toEqual({ ok: true, alreadyLinked: true });
    expect(mails.filter((m) => m.template.name === "social-account-linked")).toHaveLength(1);

    const someoneElse = await passwordUser();
    expect(await connectSocialIdentity({ ...link, userId: someoneElse.id })).toEqual({
      ok: false,
      code: "IDENTITY_IN_USE",
    });
  });

  it("removes an identity unless it is the last way to sign in", async () => {
    const signedUp = await completeSocialSignIn(assertion());
    if (signedUp.kind !== "signed-in") throw new Error("sign-up failed");
    const userId = signedUp.userId;
    const only = await db.socialIdentity.findFirstOrThrow({ where: { userId } });
    expect(await unlinkSocialIdentity({ userId, identityId: only.id, client })).toEqual({
      ok: false,
      code: "LAST_METHOD",
    });

    await connectSocialIdentity({
      userId,
      provider: "other",
      subject: `sub-${unique()}`,
      email: null,
      client,
    });
    expect(await unlinkSocialIdentity({ userId, identityId: only.id, client })).toEqual({ ok: true });
    expect(await db.socialIdentity.count({ where: { userId } })).toBe(1);
    expect(await auditTypes(userId)).toContain("auth.social_unlinked");

    const stranger = await passwordUser();
    const remaining = await db.socialIdentity.findFirstOrThrow({ where: { userId } });
    expect(await unlinkSocialIdentity({ userId: stranger.id, identityId: remaining.id, client })).toEqual({
      ok: false,
      code: "NOT_FOUND",
    });
  });
});
