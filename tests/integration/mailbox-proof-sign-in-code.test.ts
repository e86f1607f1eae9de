/**
 * An e-mailed sign-in code proves the mailbox (issue 15 item 6, docs/decisions/0057), on SQLite
 * and PostgreSQL: the code sign-in of an unproven account verifies the address and removes every
 * other way in that was set up before it (sessions, devices, other credentials, open links), and
 * keeps the sign-in that proved it — its session and the credential its first step used — and the
 * customer's own data.
 */
import { afterAll, describe, expect, it, vi } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { sendSignInEmailCode } from "@/lib/server/factors/email-codes";
import { createPendingSignIn } from "@/lib/server/identity/pending-sign-in";
import { issueToken } from "@/lib/server/identity/tokens";
import { verifySecondFactor } from "@/lib/server/identity/verify-second-factor";
import { createTestSession } from "../support/test-session";
import { addPasskeyFor, client, createCustomer, unprove } from "../support/customers";

vi.mock("@/lib/server/identity/notify", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/server/identity/notify")>()),
  sendMailInBackground: () => undefined,
  sendSecurityPushInBackground: () => undefined,
}));

const db = createPrismaClient();
afterAll(() => db.$disconnect());

/** A pending sign-in after the password step that asks for an e-mailed code, and that code. */
async function codeStep(user: { id: string; email: string }) {
  const attempt = await db.signInAttempt.create({
    data: { userId: user.id, method: "PASSWORD", result: "SECOND_FACTOR_REQUIRED", ip: client.ip },
  });
  const pending = await createPendingSignIn({
    userId: user.id,
    firstFactor: "PASSWORD",
    signInAttemptId: attempt.id,
    factors: ["EMAIL_CODE"],
    reasons: [],
    riskLevel: "MEDIUM",
    rememberMe: false,
    returnTo: null,
    client,
  });
  const code = await sendSignInEmailCode({
    pendingSignInId: pending.id,
    user: { ...user, locale: "de" },
    client,
  });
  return { token: pending.token, code };
}

const signInWithCode = (step: { token: string; code: string }) =>
  verifySecondFactor({
    pendingToken: step.token,
    method: "EMAIL_CODE",
    code: step.code,
    deviceCookieId: "neu",
    client,
  });

describe("a sign-in by e-mailed code", () => {
  it("verifies the address, ends what was set up before it and keeps this sign-in and the customer's data", async () => {
    const user = await createCustomer(db, { proven: true });
    await addPasskeyFor(db, user); // set up before the rule, or by whoever registered the address
    await unprove(db, user.id);
    const earlier = await createTestSession(db, user.id);
    const reset = await db.$transaction((tx) =>
      issueToken({ userId: user.id, purpose: "PASSWORD_RESET" }, { tx }),
    );
    await db.address.create({
      data: {
        userId: user.id,
        recipientName: "Erika Muster",
        street: "Weg 1",
        postalCode: "20095",
        city: "Hamburg",
        country: "DE",
      },
    });

    const result = await signInWithCode(await codeStep(user));
    if (!result.ok) throw new Error(`sign-in failed: ${result.code}`);

    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.emailVerifiedAt).not.toBeNull();
    expect(await db.session.findUniqueOrThrow({ where: { id: earlier.id } })).toMatchObject({
      revokeReason: "PASSWORD_RESET",
    });
    expect(await db.session.findUniqueOrThrow({ where: { id: result.session.id } })).toMatchObject({
      revokedAt: null,
    });
    expect(await db.passkey.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.passwordCredential.count({ where: { userId: user.id } })).toBe(1); // the one just used
    expect(
      (await db.verificationToken.findFirstOrThrow({ where: { userId: user.id, purpose: "PASSWORD_RESET" } }))
        .consumedAt,
    ).not.toBeNull();
    expect(reset).toBeTruthy();
    expect(await db.address.count({ where: { userId: user.id } })).toBe(1);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { subjectUserId: user.id, type: "auth.account_reclaimed" },
    });
    expect(event.metadata).toMatchObject({
      proof: "SIGN_IN_CODE",
      passkeys: 1,
      passwords: 0,
      sessionsRevoked: 1,
    });
  });

  it("on a proven address changes nothing but the sign-in", async () => {
    const user = await createCustomer(db, { proven: true });
    await addPasskeyFor(db, user);
    const earlier = await createTestSession(db, user.id);
    const result = await signInWithCode(await codeStep(user));
    expect(result.ok).toBe(true);
    expect(await db.passkey.count({ where: { userId: user.id } })).toBe(1);
    expect((await db.session.findUniqueOrThrow({ where: { id: earlier.id } })).revokedAt).toBeNull();
    expect(
      await db.auditEvent.count({ where: { subjectUserId: user.id, type: "auth.account_reclaimed" } }),
    ).toBe(0);
  });

  it("[ATTACKER] a wrong code proves nothing and ends nothing", async () => {
    const user = await createCustomer(db, { proven: false });
    const earlier = await createTestSession(db, user.id);
    const step = await codeStep(user);
    const wrong = step.code === "000000" ? "111111" : "000000";
    expect(await signInWithCode({ ...step, code: wrong })).toMatchObject({ ok: false, code: "INVALID_CODE" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).toBeNull();
    expect((await db.session.findUniqueOrThrow({ where: { id: earlier.id } })).revokedAt).toBeNull();
  });
});
