/**
 * The mailbox-proof rule (docs/decisions/0018): the verification link of an unproven account,
 * through the real domain functions on SQLite and PostgreSQL. It keeps the first credential and
 * changes nothing until it is posted; its "Das war ich nicht" deletes the unproven account, and
 * never a proven one.
 */
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma-client";
import {
  describeEmailLink,
  discardUnverifiedRegistration,
  verifyEmailToken,
} from "@/lib/server/identity/email-verification";
import { issueToken } from "@/lib/server/identity/tokens";
import { addPasskeyFor, client, createCustomer, unprove } from "../support/customers";

type CapturedMail = { to: string; template: { name: string; data: Record<string, unknown> } };
const mails = vi.hoisted(() => [] as CapturedMail[]);
vi.mock("@/lib/server/identity/notify", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/server/identity/notify")>()),
  sendMailInBackground: (mail: CapturedMail) => void mails.push(mail),
  // Nothing leaves the test: mails are captured, security pushes dropped.
  sendSecurityPushInBackground: () => undefined,
}));

const db = createPrismaClient();
afterAll(() => db.$disconnect());
beforeEach(() => void mails.splice(0));

describe("the verification link", () => {
  async function passkeyOnlyRegistration() {
    const user = await createCustomer(db, { proven: true, password: false });
    await addPasskeyFor(db, user);
    await unprove(db, user.id);
    const token = await db.$transaction((tx) =>
      issueToken({ userId: user.id, purpose: "EMAIL_VERIFICATION" }, { tx }),
    );
    return { user, token };
  }

  it("says what it will do without changing anything, then keeps the first credential", async () => {
    const { user, token } = await passkeyOnlyRegistration();
    expect(await describeEmailLink(token)).toMatchObject({ kind: "verification", method: "passkey" });
    expect(await describeEmailLink(token)).not.toBeNull(); // opening it twice uses nothing up
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).toBeNull();

    expect(await verifyEmailToken({ token, client })).toMatchObject({
      ok: true,
      kind: "verified",
      registeredBy: null,
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).not.toBeNull();
    expect(await db.passkey.count({ where: { userId: user.id } })).toBe(1);
  });

  it('"Das war ich nicht" deletes the unproven account with everything in it, audited', async () => {
    const { user, token } = await passkeyOnlyRegistration();
    expect(await discardUnverifiedRegistration({ token, client })).toEqual({ ok: true });
    expect(await db.user.findUnique({ where: { id: user.id } })).toBeNull();
    expect(await db.passkey.count({ where: { userId: user.id } })).toBe(0);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { subjectUserId: user.id, type: "auth.unproven_account_discarded" },
    });
    expect(event.metadata).toMatchObject({ passkeys: 1 });
    // The address is free for its owner again.
    expect(await db.user.count({ where: { emailNormalized: user.email } })).toBe(0);
  });

  it('[ATTACKER] "Das war ich nicht" never deletes a proven account, and a used link does nothing', async () => {
    const user = await createCustomer(db, { proven: true });
    const token = await db.$transaction((tx) =>
      issueToken({ userId: user.id, purpose: "EMAIL_VERIFICATION" }, { tx }),
    );
    expect(await discardUnverifiedRegistration({ token, client })).toEqual({
      ok: false,
      code: "INVALID_TOKEN",
    });
    expect(await db.user.findUnique({ where: { id: user.id } })).not.toBeNull();
    expect(await discardUnverifiedRegistration({ token, client })).toEqual({
      ok: false,
      code: "INVALID_TOKEN",
    });
    expect(await discardUnverifiedRegistration({ token: "forged", client })).toEqual({
      ok: false,
      code: "INVALID_TOKEN",
    });
  });
});
