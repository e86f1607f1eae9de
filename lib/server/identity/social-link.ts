import "server-only";
/**
 * Linking a social identity to an account that already exists. Never automatic: either the person
 * proves the account at /login/link with its password (the SOCIAL_LINK token from
 * social-login.ts says which identity waits), or they are signed in and connect a provider from
 * /account/security. Both write auth.social_linked and mail a notice to the account's address.
 * Neither links to an account whose address is unproven (mailbox-proof.ts, decision 0018).
 */
import { attemptContext, sendNewDeviceNotice } from "./complete-sign-in";
import { z } from "zod";
import { verifyPassword } from "@/lib/auth/password-hash";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma-sqlite/client";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { maskEmail } from "@/lib/server/mail/mask-email";
import {
  peekRateLimit,
  rateLimitIpSubject,
  recordRateLimitHit,
  resetRateLimit,
} from "@/lib/server/rate-limit/rate-limit";
import type { ClientInfo } from "@/lib/server/request/client-info";
import type { NewSession } from "@/lib/server/sessions/sessions";
import { requireProvenAddress } from "./mailbox-proof";
import { openSocialSession, providerDisplayName, sendLinkedNotice } from "./social-session";
import { consumeToken, findUsableToken, voidLinksAfterChange } from "./tokens";

const LinkPayloadSchema = z.object({ provider: z.string(), subject: z.string(), email: z.string() });

/** The open link request behind a token (without using it up), or null when it is not usable. */
async function readLinkToken(token: string) {
  const row = await findUsableToken(db, { token, purpose: "SOCIAL_LINK" });
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
 * Proves the account with its password, then links the waiting identity and signs the person in.
 * Wrong passwords count against the same per-account and per-IP throttles as the sign-in form, and
 * the token survives them (it is used up only by the successful attempt).
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

  const ipSubject = rateLimitIpSubject(client.ip);
  const decisions = [
    await peekRateLimit(db, "signInAccount", user.emailNormalized),
    await peekRateLimit(db, "signInIp", ipSubject),
  ];
  const limit = decisions.find((d) => !d.allowed);
  if (limit && !limit.allowed) {
    await db.$transaction(async (tx) => {
      await tx.signInAttempt.create({ data: { ...attempt, method: "PASSWORD", result: "THROTTLED" } });
      await writeAuditEvent(tx, {
        type: "auth.sign_in_throttled",
        actorRole: "ANONYMOUS",
        subjectUserId: user.id,
        ip: client.ip,
        userAgent: client.userAgent,
        metadata: { locked: limit.locked, context: "social_link" },
      });
    });
    return { ok: false, code: "RATE_LIMITED", retryAfterSeconds: limit.retryAfterSeconds };
  }
  if (!(await verifyPassword(user.passwordCredential.hash, opts.password))) {
    await recordRateLimitHit(db, "signInAccount", user.emailNormalized);
    await recordRateLimitHit(db, "signInIp", ipSubject);
    await db.$transaction(async (tx) => {
      await tx.signInAttempt.create({
        data: { ...attempt, method: "PASSWORD", result: "INVALID_CREDENTIALS" },
      });
      await writeAuditEvent(tx, {
        type: "auth.sign_in_failed",
        actorRole: "ANONYMOUS",
        subjectUserId: user.id,
        ip: client.ip,
        userAgent: client.userAgent,
        metadata: { method: "PASSWORD", reason: "wrong_password", context: "social_link" },
      });
    });
    return { ok: false, code: "WRONG_PASSWORD" };
  }
  await resetRateLimit(db, "signInAccount", user.emailNormalized);
  if (user.status === "LOCKED") {
    await db.signInAttempt.create({ data: { ...attempt, method: "SOCIAL", result: "ACCOUNT_LOCKED" } });
    return { ok: false, code: "ACCOUNT_LOCKED" };
  }
  // Told only to someone who knows the password: the address must be proven by our own mail
  // first; the provider's word for it does not make a second credential acceptable.
  if (!user.emailVerifiedAt) return { ok: false, code: "ADDRESS_UNPROVEN" };

  const outcome = await db.$transaction(async (tx) => {
    // Used up inside the transaction: two submits of the same token cannot both link.
    if (!(await consumeToken(tx, { token: opts.token, purpose: "SOCIAL_LINK" })))
      return { ok: false as const, code: "INVALID_LINK" as const };
    const linked = await linkIdentity(tx, { userId: user.id, ...link, client });
    if (linked === "IDENTITY_IN_USE") return { ok: false as const, code: linked };
    const opened = await openSocialSession(tx, {
      user,
      provider: link.provider,
      // The person proved both: the account's password and the provider account.
      methods: ["PASSWORD", "SOCIAL"],
      deviceCookieId: opts.deviceCookieId,
      client,
      auditType: "auth.social_signed_in",
    });
    return { ok: true as const, opened, isNew: linked === "LINKED" };
  });
  if (!outcome.ok) return outcome;
  if (outcome.isNew) sendLinkedNotice(user, link.provider);
  sendNewDeviceNotice(outcome.opened, client);
  return { ok: true, session: outcome.opened.session };
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
  const result = await db.$transaction((tx) => linkIdentity(tx, opts));
  if (result === "IDENTITY_IN_USE") return { ok: false, code: result };
  if (result === "LINKED") {
    const user = await db.user.findUniqueOrThrow({ where: { id: opts.userId } });
    sendLinkedNotice(user, opts.provider);
  }
  return { ok: true, alreadyLinked: result === "ALREADY_LINKED" };
}

async function linkIdentity(
  tx: Prisma.TransactionClient,
  opts: { userId: string; provider: string; subject: string; email: string | null; client: ClientInfo },
): Promise<"LINKED" | "ALREADY_LINKED" | "IDENTITY_IN_USE"> {
  const { provider, subject } = opts;
  await requireProvenAddress(tx, opts.userId);
  const existing = await tx.socialIdentity.findUnique({ where: { provider_subject: { provider, subject } } });
  if (existing && existing.userId !== opts.userId) return "IDENTITY_IN_USE";
  if (existing) {
    await tx.socialIdentity.update({ where: { id: existing.id }, data: { lastUsedAt: new Date() } });
    return "ALREADY_LINKED";
  }
  const identity = await tx.socialIdentity.create({
    data: { userId: opts.userId, provider, subject, email: opts.email, lastUsedAt: new Date() },
  });
  await voidLinksAfterChange(tx, { userId: opts.userId, change: "credential" });
  await writeAuditEvent(tx, {
    type: "auth.social_linked",
    actorId: opts.userId,
    actorRole: "CUSTOMER",
    subjectUserId: opts.userId,
    targetType: "SocialIdentity",
    targetId: identity.id,
    ip: opts.client.ip,
    userAgent: opts.client.userAgent,
    metadata: { provider },
  });
  return "LINKED";
}
