/**
 * Mailed links die with the changes that should end them (docs/decisions/0019). Through the real
 * domain functions on SQLite and PostgreSQL, each change of a credential voids the open reset and
 * email-change links, and a change of the address voids the verification links as well
 * (docs/decisions/0019). Links of other purposes are left alone.
 */
import { afterAll, describe, expect, it, vi } from "vitest";
import { hashToken } from "@/lib/server/crypto/token-hash";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { disableTotp, regenerateRecoveryCodes } from "@/lib/server/factors/totp-factors";
import { changePassword } from "@/lib/server/identity/change-password";
import { verifyEmailToken } from "@/lib/server/identity/email-verification";
import { requestPasswordReset, resetPassword } from "@/lib/server/identity/password-reset";
import { unlinkSocialIdentity } from "@/lib/server/identity/social-identities";
import { connectSocialIdentity } from "@/lib/server/identity/social-link";
import { findUsableToken, issueToken, type TokenPurpose } from "@/lib/server/identity/tokens";
import { removePasskey } from "@/lib/server/passkeys/manage-passkeys";
import {
  actorOf,
  addPasskeyFor,
  client,
  createCustomer,
  enableTotp,
  unique,
  type Customer,
} from "../support/customers";
import { customerActor } from "@/lib/server/actor";

type CapturedMail = { to: string; template: { name: string; data: Record<string, unknown> } };
const mails = vi.hoisted(() => [] as CapturedMail[]);
vi.mock("@/lib/server/identity/notify", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/server/identity/notify")>()),
  sendMailInBackground: (mail: CapturedMail) => void mails.push(mail),
  sendSecurityPushInBackground: () => undefined,
}));

const db = createPrismaClient();
afterAll(() => db.$disconnect());

const NEW_PASSWORD = "Ein neues Passwort nach der Änderung";
const LINKS: TokenPurpose[] = ["PASSWORD_RESET", "EMAIL_CHANGE", "EMAIL_VERIFICATION"];

/** One open link of each purpose, plus a newsletter opt-in link that no change may touch. */
async function openLinks(user: Customer) {
  const tokens = await db.$transaction(async (tx) => {
    const issued = {} as Record<TokenPurpose, string>;
    for (const purpose of LINKS)
      issued[purpose] = await issueToken(
        {
          userId: user.id,
          purpose,
          payload: purpose === "EMAIL_CHANGE" ? { newEmail: `neu.${unique()}@example.com` } : undefined,
        },
        { tx },
      );
    return issued;
  });
  const optIn = await db.verificationToken.create({
    data: {
      tokenHash: hashToken(unique()),
      purpose: "NEWSLETTER_OPT_IN",
      userId: user.id,
      expiresAt: new Date(Date.now() + 3_600_000),
    },
  });
  return { tokens, optInId: optIn.id };
}

async function stillOpen(links: Awaited<ReturnType<typeof openLinks>>) {
  const open: string[] = [];
  for (const purpose of LINKS)
    if (await findUsableToken({ token: links.tokens[purpose], purpose }, { tx: db })) open.push(purpose);
  const optIn = await db.verificationToken.findUniqueOrThrow({ where: { id: links.optInId } });
  if (!optIn.consumedAt) open.push("NEWSLETTER_OPT_IN");
  return open;
}

const CREDENTIAL_CHANGES: {
  name: string;
  prepare?: (user: Customer) => Promise<unknown>;
  change: (user: Customer, prepared: unknown) => Promise<unknown>;
}[] = [
  {
    name: "a password change",
    change: (u) => changePassword(customerActor(u.id, client, "s"), NEW_PASSWORD),
  },
  { name: "an added passkey", change: (u) => addPasskeyFor(db, u) },
  {
    name: "a removed passkey",
    prepare: async (u) => {
      await addPasskeyFor(db, u);
      return (await db.passkey.findFirstOrThrow({ where: { userId: u.id } })).id;
    },
    change: (u, passkeyId) => removePasskey(actorOf(u), passkeyId as string),
  },
  { name: "an authenticator app turned on", change: (u) => enableTotp(db, u) },
  {
    name: "a new set of recovery codes",
    prepare: (u) => enableTotp(db, u),
    change: (u) => regenerateRecoveryCodes({ userId: u.id, client }),
  },
  {
    name: "an authenticator app turned off",
    prepare: (u) => enableTotp(db, u),
    change: (u) => disableTotp({ userId: u.id, client, confirmedWith: ["PASSWORD", "TOTP"] }),
  },
  {
    name: "a linked social identity",
    change: (u) =>
      connectSocialIdentity({ userId: u.id, provider: "testidp", subject: unique(), email: null, client }),
  },
  {
    name: "an unlinked social identity",
    prepare: async (u) => {
      await connectSocialIdentity({
        userId: u.id,
        provider: "testidp",
        subject: unique(),
        email: null,
        client,
      });
      return (await db.socialIdentity.findFirstOrThrow({ where: { userId: u.id } })).id;
    },
    change: (u, identityId) =>
      unlinkSocialIdentity({ userId: u.id, identityId: identityId as string, client }),
  },
];

describe("open links after a change", () => {
  it.each(CREDENTIAL_CHANGES.map((c) => [c.name, c] as const))(
    "%s voids the reset and email-change links",
    async (_name, c) => {
      const user = await createCustomer(db, { proven: true });
      const prepared = await c.prepare?.(user);
      const links = await openLinks(user);
      await c.change(user, prepared);
      expect(await stillOpen(links)).toEqual(["EMAIL_VERIFICATION", "NEWSLETTER_OPT_IN"]);
    },
  );

  it("a password reset voids an open email-change link", async () => {
    const user = await createCustomer(db, { proven: true });
    const links = await openLinks(user);
    expect(
      await resetPassword({ token: links.tokens.PASSWORD_RESET, password: NEW_PASSWORD, client }),
    ).toEqual({
      ok: true,
    });
    expect(await stillOpen(links)).toEqual(["EMAIL_VERIFICATION", "NEWSLETTER_OPT_IN"]);
  });

  it("a confirmed email change voids the reset, verification and other email-change links", async () => {
    const user = await createCustomer(db, { proven: true });
    const links = await openLinks(user);
    const change = await db.$transaction((tx) =>
      issueToken(
        {
          userId: user.id,
          purpose: "EMAIL_CHANGE",
          payload: { newEmail: `neu.${unique()}@example.com` },
        },
        { tx },
      ),
    );
    expect(await verifyEmailToken({ token: change, client })).toEqual({ ok: true, kind: "email-changed" });
    expect(await stillOpen(links)).toEqual(["NEWSLETTER_OPT_IN"]);
  });

  it("[ATTACKER] a reset link mailed to the old address no longer resets the password after the email change", async () => {
    const user = await createCustomer(db, { proven: true });
    expect(await requestPasswordReset({ email: user.email, client })).toEqual({ ok: true });
    const mail = mails.findLast((m) => m.to === user.email && m.template.name === "password-reset");
    const resetToken = new URL(String(mail?.template.data.url)).searchParams.get("token")!;
    const change = await db.$transaction((tx) =>
      issueToken(
        {
          userId: user.id,
          purpose: "EMAIL_CHANGE",
          payload: { newEmail: `neu.${unique()}@example.com` },
        },
        { tx },
      ),
    );
    expect(await verifyEmailToken({ token: change, client })).toEqual({ ok: true, kind: "email-changed" });
    expect(
      await resetPassword({ token: resetToken, password: "Die alte Adresse will zurück", client }),
    ).toEqual({
      ok: false,
      code: "INVALID_TOKEN",
    });
  });
});
