/**
 * The mailbox-proof rule (docs/decisions/0018), second half, through the real domain functions on
 * SQLite and PostgreSQL: the first proof of the mailbox by a reset link removes every kind of thing
 * an unproven party set up, in one transaction; a reset of a proven address keeps the passkeys. The
 * verification link is in account-reclaim-verification-link.test.ts.
 */
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { hashToken } from "@/lib/server/crypto/token-hash";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { changeConsent } from "@/lib/server/consent/consent-centre";
import { currentConsent } from "@/lib/server/consent/current-consent";
import { describeResetLink, requestPasswordReset, resetPassword } from "@/lib/server/identity/password-reset";
import { signInWithPassword } from "@/lib/server/identity/sign-in";
import { connectSocialIdentity } from "@/lib/server/identity/social-link";
import { issueToken } from "@/lib/server/identity/tokens";
import { savePushSubscription } from "@/lib/server/push/push-subscriptions";
import {
  addBankFor,
  addPasskeyFor,
  client,
  createCustomer,
  enableTotp,
  pushEndpoint,
  pushKeys,
  unique,
  unprove,
  type Customer,
} from "../support/customers";
import { createTestSession } from "../support/test-session";
import { customerActor } from "@/lib/server/actor";

type CapturedMail = { to: string; template: { name: string; data: Record<string, unknown> } };
const mails = vi.hoisted(() => [] as CapturedMail[]);
vi.mock("@/lib/server/identity/notify", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/server/identity/notify")>()),
  sendMailInBackground: (mail: CapturedMail) => void mails.push(mail),
  // The push endpoints below are made up: nothing is sent to them.
  sendSecurityPushInBackground: () => undefined,
}));

const db = createPrismaClient();
afterAll(() => db.$disconnect());
beforeEach(() => void mails.splice(0));

const NEW_PASSWORD = "Jetzt gehört das Konto der Inhaberin";

/** Requests a reset as the mailbox owner would and returns the token from the mail. */
async function resetLinkFor(user: Customer): Promise<string> {
  expect(await requestPasswordReset({ email: user.email, client })).toEqual({ ok: true });
  const mail = mails.findLast((m) => m.to === user.email && m.template.name === "password-reset");
  return new URL(String(mail?.template.data.url)).searchParams.get("token")!;
}

/** Everything an unproven party could have set up (built while proven, then unproven again). */
async function accountFullOfSomeoneElsesThings(): Promise<Customer> {
  const user = await createCustomer(db, { proven: true });
  await addPasskeyFor(db, user);
  await enableTotp(db, user);
  await connectSocialIdentity({
    userId: user.id,
    provider: "testidp",
    subject: unique(),
    email: null,
    client,
  });
  await savePushSubscription(customerActor(user.id, client, "s"), {
    endpoint: pushEndpoint(),
    keys: pushKeys,
  });
  await addBankFor(db, user, true);
  await db.address.create({
    data: { userId: user.id, recipientName: "Mallory", postalCode: "10115", city: "Berlin", country: "DE" },
  });
  await db.profile.create({ data: { userId: user.id, firstName: "Mallory", lastName: "Fremd" } });
  const analytics = await currentConsent({ userId: user.id, purposeKey: "analytics" }, { tx: db });
  await changeConsent(customerActor(user.id, client), {
    locale: "de",
    purposeKey: "analytics",
    version: analytics!.latestVersion!,
    action: "GRANTED",
    source: "CONSENT_CENTRE",
  });
  const session = await createTestSession(db, user.id);
  await createTestSession(db, user.id);
  await db.device.create({ data: { userId: user.id, cookieIdHash: hashToken(unique()) } });
  await db.pendingSignIn.create({
    data: {
      userId: user.id,
      tokenHash: hashToken(unique()),
      firstFactor: "PASSWORD",
      riskLevel: "MEDIUM",
      allowedFactors: ["EMAIL_CODE"],
      expiresAt: new Date(Date.now() + 600_000),
    },
  });
  await db.signInPass.create({
    data: {
      userId: user.id,
      kind: "RISK_RELEASE",
      deviceCookieHash: hashToken(unique()),
      expiresAt: new Date(Date.now() + 600_000),
    },
  });
  await db.$transaction(async (tx) => {
    await issueToken(
      {
        userId: user.id,
        purpose: "EMAIL_CHANGE",
        payload: { newEmail: `x.${unique()}@example.com` },
      },
      { tx },
    );
    await issueToken(
      {
        userId: user.id,
        purpose: "SOCIAL_LINK",
        payload: { provider: "p", subject: "s", email: user.email },
      },
      { tx },
    );
  });
  await db.user.update({ where: { id: user.id }, data: { displayName: "Mallory Fremd" } });
  expect(session.revokedAt).toBeNull();
  await unprove(db, user.id);
  return user;
}

describe("the first proof of the mailbox by a reset link", () => {
  it("removes everything an unproven party set up and proves the address", async () => {
    const user = await accountFullOfSomeoneElsesThings();
    const token = await resetLinkFor(user);
    expect(await describeResetLink(token)).toEqual({ willReclaim: true });
    expect(await resetPassword({ token, password: NEW_PASSWORD, client })).toEqual({ ok: true });

    const after = await db.user.findUniqueOrThrow({
      where: { id: user.id },
      include: {
        passkeys: true,
        totpFactor: true,
        recoveryCodes: true,
        socialIdentities: true,
        pendingSignIns: true,
        devices: true,
        pushSubscriptions: true,
        addresses: true,
        bankAccounts: true,
        sepaMandates: true,
        profile: true,
        signInPasses: true,
      },
    });
    expect(after.emailVerifiedAt).not.toBeNull();
    expect(after.displayName).toBeNull();
    expect(after.webauthnUserId).toBeNull();
    for (const kind of [
      "passkeys",
      "recoveryCodes",
      "socialIdentities",
      "pendingSignIns",
      "devices",
      "pushSubscriptions",
      "addresses",
      "bankAccounts",
      "sepaMandates",
      "signInPasses",
    ] as const)
      expect(after[kind], kind).toEqual([]);
    expect(after.totpFactor).toBeNull();
    expect(after.profile).toBeNull();
    expect(await db.session.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    expect(await db.verificationToken.count({ where: { userId: user.id, consumedAt: null } })).toBe(0);

    // Consent records are appended, never rewritten: the grant stays, a withdrawal follows it.
    const records = await db.consentRecord.findMany({
      where: { userId: user.id, purpose: { key: { in: ["analytics", "sepa_mandate"] } } },
      orderBy: { createdAt: "asc" },
      include: { purpose: true },
    });
    expect(records.filter((r) => r.purpose.key === "analytics").map((r) => [r.action, r.source])).toEqual([
      ["GRANTED", "CONSENT_CENTRE"],
      ["WITHDRAWN", "ACCOUNT_RECLAIM"],
    ]);
    expect(records.filter((r) => r.purpose.key === "sepa_mandate").map((r) => r.action)).toEqual([
      "GRANTED",
      "WITHDRAWN",
    ]);

    // One audit event with the counts, no secrets; the password-changed notice.
    const reclaimed = await db.auditEvent.findMany({
      where: { subjectUserId: user.id, type: "auth.account_reclaimed" },
    });
    expect(reclaimed).toHaveLength(1);
    expect(reclaimed[0]!.metadata).toMatchObject({
      proof: "PASSWORD_RESET",
      passwords: 1,
      passkeys: 1,
      totpFactors: 1,
      recoveryCodes: 10,
      socialIdentities: 1,
      sessionsRevoked: 2,
      pendingSignIns: 1,
      devices: 1,
      pushSubscriptions: 1,
      tokensVoided: 2,
      addresses: 1,
      bankAccounts: 1,
      consentsWithdrawn: 1,
    });
    expect(mails.map((m) => m.template.name)).toContain("password-changed");

    // The new password is the one way in.
    const signIn = await signInWithPassword({
      email: user.email,
      password: NEW_PASSWORD,
      rememberMe: false,
      deviceCookieId: unique(),
      client,
    });
    expect(signIn.ok).toBe(true);
  });

  it("[ATTACKER] a replayed reset link reclaims nothing a second time", async () => {
    const user = await createCustomer(db, { proven: false });
    const token = await resetLinkFor(user);
    expect(await resetPassword({ token, password: NEW_PASSWORD, client })).toEqual({ ok: true });
    expect(await resetPassword({ token, password: "Noch ein anderes Passwort", client })).toEqual({
      ok: false,
      code: "INVALID_TOKEN",
    });
    expect(
      await db.auditEvent.count({ where: { subjectUserId: user.id, type: "auth.account_reclaimed" } }),
    ).toBe(1);
  });
});

describe("a reset of a proven address", () => {
  it("keeps the passkeys, replaces the password and signs out everywhere", async () => {
    const user = await createCustomer(db, { proven: true });
    await addPasskeyFor(db, user);
    await createTestSession(db, user.id);
    const token = await resetLinkFor(user);
    expect(await describeResetLink(token)).toEqual({ willReclaim: false });
    expect(await resetPassword({ token, password: NEW_PASSWORD, client })).toEqual({ ok: true });
    expect(await db.passkey.count({ where: { userId: user.id } })).toBe(1);
    expect(await db.session.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    const types = (await db.auditEvent.findMany({ where: { subjectUserId: user.id } })).map((e) => e.type);
    expect(types).toContain("auth.password_reset_completed");
    expect(types).not.toContain("auth.account_reclaimed");
  });
});
