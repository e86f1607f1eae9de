/**
 * The social ways in through the one door (docs/decisions/0020), on SQLite and PostgreSQL: a
 * returning social identity and the social link complete at /login/verify, a sign-in during the
 * deletion grace period continues to the cancel page, and a brand-new social account stays
 * frictionless but is still assessed.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { hashToken } from "@/lib/server/crypto/token-hash";
import { sendSignInEmailCode } from "@/lib/server/factors/email-codes";
import { generateTotpCode } from "@/lib/server/factors/totp";
import { completeSocialLink } from "@/lib/server/identity/social-link";
import { completeSocialSignIn } from "@/lib/server/identity/social-login";
import { verifySecondFactor } from "@/lib/server/identity/verify-second-factor";
import { DELETION_PENDING_PATH } from "@/lib/server/privacy/account-deletion";
import {
  db,
  PASSWORD,
  PARIS,
  unique,
  clientAt,
  person,
  PATHS,
  normalise,
  countAudit,
  openDoor,
  closeDoor,
} from "../support/sign-in-door";

vi.mock("@/lib/server/identity/notify", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/server/identity/notify")>()),
  sendMailInBackground: () => undefined,
}));

beforeAll(openDoor);
afterAll(closeDoor);

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
