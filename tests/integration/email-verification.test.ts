/**
 * Verification and email-change links through the real domain functions, on SQLite and PostgreSQL
 * (the E2E tests cover the same flows in the browser on SQLite).
 */
import { describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { requestEmailChange } from "@/lib/server/identity/account-security";
import { verifyEmailToken } from "@/lib/server/identity/email-verification";
import { issueToken } from "@/lib/server/identity/tokens";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { customerActor } from "@/lib/server/actor";

const db = createPrismaClient();
const client: ClientInfo = { ip: "192.0.2.77", userAgent: "vitest", browser: null, os: null, location: null };
const unique = (prefix: string) =>
  `${prefix}.${Date.now()}.${Math.random().toString(36).slice(2)}@example.com`;

describe("email verification links", () => {
  it("verify the address once; a reused or unknown link is refused", async () => {
    const email = unique("verify");
    const user = await db.user.create({ data: { email, emailNormalized: email } });
    const token = await db.$transaction((tx) =>
      issueToken({ userId: user.id, purpose: "EMAIL_VERIFICATION" }, { tx }),
    );
    expect(await verifyEmailToken({ token, client })).toMatchObject({
      ok: true,
      kind: "verified",
      registeredBy: null,
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).not.toBeNull();
    expect(await verifyEmailToken({ token, client })).toEqual({ ok: false, code: "INVALID_TOKEN" });
    expect(await verifyEmailToken({ token: "unknown", client })).toEqual({
      ok: false,
      code: "INVALID_TOKEN",
    });
  });

  it("change the address only through the link sent to the new one, and not to a taken address", async () => {
    const email = unique("old");
    const user = await db.user.create({ data: { email, emailNormalized: email } });
    const newEmail = unique("new");
    const token = await db.$transaction((tx) =>
      issueToken({ userId: user.id, purpose: "EMAIL_CHANGE", payload: { newEmail } }, { tx }),
    );
    expect(await verifyEmailToken({ token, client })).toEqual({ ok: true, kind: "email-changed" });
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      email: newEmail,
      emailNormalized: newEmail,
    });

    const taken = await db.user.create({
      data: { email: unique("taken"), emailNormalized: unique("taken-n") },
    });
    const toTaken = await db.$transaction((tx) =>
      issueToken(
        {
          userId: user.id,
          purpose: "EMAIL_CHANGE",
          payload: { newEmail: taken.emailNormalized },
        },
        { tx },
      ),
    );
    expect(await verifyEmailToken({ token: toTaken, client })).toEqual({ ok: false, code: "EMAIL_TAKEN" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(newEmail);
  });

  it("start a change without a password (the action requires step-up), at most three an hour-quarter", async () => {
    const email = unique("passkey-only");
    const user = await db.user.create({ data: { email, emailNormalized: email } });
    const actor = customerActor(user.id, client, "s");
    expect(await requestEmailChange(actor, { newEmail: email.toUpperCase() })).toEqual({
      ok: false,
      code: "SAME_EMAIL",
    });
    for (let i = 0; i < 3; i += 1) {
      expect(await requestEmailChange(actor, { newEmail: unique(`new${i}`) })).toEqual({ ok: true });
    }
    expect(await requestEmailChange(actor, { newEmail: unique("new3") })).toMatchObject({
      ok: false,
      code: "RATE_LIMITED",
    });
    const audited = await db.auditEvent.count({
      where: { subjectUserId: user.id, type: "auth.email_change_requested" },
    });
    expect(audited).toBe(3);
    // Only the newest link is usable: each request voids the one before.
    const open = await db.verificationToken.count({
      where: { userId: user.id, purpose: "EMAIL_CHANGE", consumedAt: null },
    });
    expect(open).toBe(1);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(email);
  });
});
