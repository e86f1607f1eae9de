import "server-only";
/**
 * Linking a social identity to an account that already exists. Never automatic: either the person
 * proves the account at /login/link with its password (the SOCIAL_LINK token from
 * social-login.ts says which identity waits), or they are signed in and connect a provider from
 * /account/security. Both write auth.social_linked and mail a notice to the account's address.
 * A /login/link sign-in goes through the one door into a session like any other (risk, block,
 * second factor); the identity is linked together with the session, not before. Neither links to
 * an account whose address is unproven (mailbox-proof.ts, decision 0018).
 */
import { z } from "zod";
import { verifyPassword } from "@/lib/server/passwords/password-hash";
import { db } from "@/lib/db";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { maskEmail } from "@/lib/server/mail/mask-email";
import type { ClientInfo } from "@/lib/server/request/client-info";
import type { NewSession } from "@/lib/server/sessions/sessions";
import { completeSignIn } from "./complete-sign-in";
import { consumePasswordAttempt } from "./password-throttle";
import type { SecondFactorRequired } from "./pending-sign-in";
import type { BlockedSignIn } from "./risk-block";
import { attemptContext } from "./sign-in-attempt";
import { linkIdentity } from "./social-identities";
import { providerDisplayName, sendLinkedNotice } from "./social-session";
import { consumeToken, findUsableToken } from "./tokens";
import { anonymousActor } from "@/lib/server/actor";

const LinkPayloadSchema = z.object({ provider: z.string(), subject: z.string(), email: z.string() });

/** The open link request behind a token (without using it up), or null when it is not usable. */
async function readLinkToken(token: string) {
  const row = await findUsableToken({ token, purpose: "SOCIAL_LINK" });
  const payload = LinkPayloadSchema.safeParse(row?.payload);
  if (!row || !payload.success) return null;
  const user = await db.user.findUniqueOrThrow({
    where: { id: row.userId },
    include: { passwordCredential: { select: { hash: true } } },
  });
  return { user, ...payload.data };
}

export type SocialLinkRequest = {
  providerName: string;
  /** The account's address, masked: the page is reachable by whoever holds the token. */
  maskedEmail: string;
  /** Accounts without a password (passkey-only) cannot prove themselves on this page. */
  hasPassword: boolean;
};

export async function describeSocialLink(token: string): Promise<SocialLinkRequest | null> {
  const link = await readLinkToken(token);
  if (!link) return null;
  return {
    providerName: providerDisplayName(link.provider),
    maskedEmail: maskEmail(link.user.email),
    hasPassword: !!link.user.passwordCredential,
  };
}

export type CompleteSocialLinkResult =
  | { ok: true; session: NewSession }
  | SecondFactorRequired
  | BlockedSignIn
  | {
      ok: false;
      code:
        | "INVALID_LINK"
        | "NO_PASSWORD"
        | "WRONG_PASSWORD"
        | "ACCOUNT_LOCKED"
        | "IDENTITY_IN_USE"
        | "ADDRESS_UNPROVEN";
    }
  | { ok: false; code: "RATE_LIMITED"; retryAfterSeconds: number };

/**
 * Proves the account with its password, then signs the person in through the one door, which
 * links the waiting identity with the session. The password check is a password sign-in and is
 * throttled like one (password-throttle.ts: counted before it is verified); the token survives
 * wrong passwords and is used up by the right one.
 */
export async function completeSocialLink(opts: {
  token: string;
  password: string;
  deviceCookieId: string;
  client: ClientInfo;
}): Promise<CompleteSocialLinkResult> {
  const { client } = opts;
  const link = await readLinkToken(opts.token);
  if (!link) return { ok: false, code: "INVALID_LINK" };
  const { user } = link;
  if (!user.passwordCredential) return { ok: false, code: "NO_PASSWORD" };
  const attempt = { ...attemptContext(client), userId: user.id, emailNormalized: user.emailNormalized };

  const throttle = await consumePasswordAttempt({
    emailNormalized: user.emailNormalized,
    deviceCookieId: opts.deviceCookieId,
    ip: client.ip,
  });
  if (!throttle.allowed) {
    await db.$transaction(async (tx) => {
      await tx.signInAttempt.create({ data: { ...attempt, method: "PASSWORD", result: "THROTTLED" } });
      await writeAuditEvent(tx, {
        type: "auth.sign_in_throttled",
        actor: anonymousActor(client),
        subject: user.id,
        metadata: { locked: throttle.locked, context: "social_link" },
      });
    });
    return { ok: false, code: "RATE_LIMITED", retryAfterSeconds: throttle.retryAfterSeconds };
  }
  if (!(await verifyPassword(user.passwordCredential.hash, opts.password))) {
    await db.$transaction(async (tx) => {
      await tx.signInAttempt.create({
        data: { ...attempt, method: "PASSWORD", result: "INVALID_CREDENTIALS" },
      });
      await writeAuditEvent(tx, {
        type: "auth.sign_in_failed",
        actor: anonymousActor(client),
        subject: user.id,
        metadata: { method: "PASSWORD", reason: "wrong_password", context: "social_link" },
      });
    });
    return { ok: false, code: "WRONG_PASSWORD" };
  }
  await throttle.succeeded();
  // Told only to someone who knows the password: the address must be proven by our own mail
  // first; the provider's word for it does not make a second credential acceptable.
  if (!user.emailVerifiedAt) return { ok: false, code: "ADDRESS_UNPROVEN" };

  const taken = await db.socialIdentity.findUnique({
    where: { provider_subject: { provider: link.provider, subject: link.subject } },
    select: { userId: true },
  });
  if (taken && taken.userId !== user.id) return { ok: false, code: "IDENTITY_IN_USE" };
  // Used up by the proven password: two submits of the same token cannot both go on.
  if (!(await consumeToken({ token: opts.token, purpose: "SOCIAL_LINK" })))
    return { ok: false, code: "INVALID_LINK" };
  const outcome = await completeSignIn({
    userId: user.id,
    factor: {
      method: "SOCIAL_LINK",
      link: { provider: link.provider, subject: link.subject, email: link.email },
    },
    deviceCookieId: opts.deviceCookieId,
    client,
  });
  return outcome.ok ? { ok: true, session: outcome.session } : outcome;
}

export type ConnectResult = { ok: true; alreadyLinked: boolean } | { ok: false; code: "IDENTITY_IN_USE" };

/**
 * A signed-in person connects a provider from /account/security: they have proved the account by
 * signing in, and the provider account by the OIDC flow they started from that page.
 */
export async function connectSocialIdentity(opts: {
  userId: string;
  provider: string;
  subject: string;
  email: string | null;
  client: ClientInfo;
}): Promise<ConnectResult> {
  const result = await db.$transaction((tx) => linkIdentity(opts, { tx }));
  if (!result.ok) return result;
  if (!result.alreadyLinked) {
    const user = await db.user.findUniqueOrThrow({ where: { id: opts.userId } });
    sendLinkedNotice(user, opts.provider);
  }
  return result;
}
