/**
 * Pre-account takeover (docs/decisions/0018), replayed through the real domain functions on SQLite
 * and PostgreSQL: an attacker signs up first with the victim's address and a passkey; the victim
 * registers, is told the address has an account, and resets the password by the mailed link. The
 * reset is the first proof of the mailbox, so nothing the attacker set up may still open the
 * account (docs/decisions/0018).
 */
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { requestPasswordReset, resetPassword } from "@/lib/server/identity/password-reset";
import { registerWithPassword } from "@/lib/server/identity/register";
import { passkeyAuthenticationOptions } from "@/lib/server/passkeys/passkey-authentication";
import { signInWithPasskey } from "@/lib/server/passkeys/passkey-sign-in";
import { finishPasskeySignUp, startPasskeySignUp } from "@/lib/server/passkeys/passkey-sign-up";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { SoftwareAuthenticator } from "../support/software-authenticator";

// Mails are captured instead of written to the outbox: the reset link is read from the mail.
type CapturedMail = { to: string; template: { name: string; data: Record<string, unknown> } };
const mails = vi.hoisted(() => [] as CapturedMail[]);
vi.mock("@/lib/server/identity/notify", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/server/identity/notify")>()),
  sendMailInBackground: (mail: CapturedMail) => void mails.push(mail),
}));

const db = createPrismaClient();
afterAll(() => db.$disconnect());
beforeEach(() => void mails.splice(0));

const clientAt = (ip: string): ClientInfo => ({
  ip,
  userAgent: "vitest",
  browser: "Chrome",
  os: "Linux",
  location: { country: "DE", city: "Berlin", latitude: 52.52, longitude: 13.405 },
});
const randomIp = () => `198.51.100.${1 + Math.floor(Math.random() * 250)}`;

function mailTo(to: string, name: string): CapturedMail {
  const mail = mails.findLast((m) => m.to === to && m.template.name === name);
  if (!mail) throw new Error(`no "${name}" mail to ${to} (sent: ${mails.map((m) => m.template.name)})`);
  return mail;
}

async function passkeySignIn(key: SoftwareAuthenticator, userHandle: string, client: ClientInfo) {
  const options = await passkeyAuthenticationOptions({ tx: db });
  return signInWithPasskey({
    response: key.assert(options.challenge, { userHandle }),
    deviceCookieId: `device-${key.credentialId}`,
    client,
  });
}

describe("pre-account takeover", () => {
  it("[ATTACKER] a passkey added before the address was proven stops working when the owner resets the password", async () => {
    const victimEmail = `opfer.${Date.now()}.${Math.random().toString(36).slice(2)}@example.com`;
    const attacker = clientAt(randomIp());
    const victim = clientAt(randomIp());

    // The attacker signs up first, with the victim's address and their own passkey.
    const attackerKey = new SoftwareAuthenticator();
    const started = await startPasskeySignUp({ email: victimEmail, locale: "de", client: attacker });
    if (!started.ok) throw new Error("passkey sign-up refused");
    const signedUp = await finishPasskeySignUp({
      pendingToken: started.pendingToken,
      response: attackerKey.register(started.options.challenge),
      client: attacker,
    });
    expect(signedUp).toEqual({ ok: true });
    const account = await db.user.findUniqueOrThrow({ where: { emailNormalized: victimEmail } });
    expect(account.emailVerifiedAt).toBeNull();
    const handle = account.webauthnUserId!;
    const attackerSignIn = await passkeySignIn(attackerKey, handle, attacker);
    expect(attackerSignIn.ok).toBe(true);
    if (!attackerSignIn.ok) return;

    // The victim registers, hears that the address has an account, and resets the password.
    expect(
      await registerWithPassword({
        email: victimEmail,
        password: "Mein eigenes Passwort für das Portal",
        locale: "de",
        client: victim,
      }),
    ).toEqual({ ok: true });
    mailTo(victimEmail, "registration-attempt");
    expect(await requestPasswordReset({ email: victimEmail, client: victim })).toEqual({ ok: true });
    const url = new URL(String(mailTo(victimEmail, "password-reset").template.data.url));
    const token = url.searchParams.get("token")!;
    expect(
      await resetPassword({ token, password: "Jetzt gehört das Konto wirklich mir", client: victim }),
    ).toEqual({ ok: true });

    // The attacker's passkey no longer opens the account, and the attacker's session has ended.
    expect(await passkeySignIn(attackerKey, handle, attacker)).toEqual({
      ok: false,
      code: "INVALID_CREDENTIALS",
    });
    const session = await db.session.findUniqueOrThrow({ where: { id: attackerSignIn.session.id } });
    expect(session.revokedAt).not.toBeNull();
    expect(await db.passkey.count({ where: { userId: account.id } })).toBe(0);
    const after = await db.user.findUniqueOrThrow({ where: { id: account.id } });
    expect(after.emailVerifiedAt).not.toBeNull();
  });
});
