import "server-only";
/** The customer's linked social identities: listed on /account/security and removable there. */
import { db, type Tx } from "@/lib/db";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { localeOf, securityReviewUrl, sendMailInBackground, sendSecurityPushInBackground } from "./notify";
import { providerDisplayName } from "./social-session";
import { requireProvenAddress } from "./mailbox-proof";
import { voidLinksAfterChange } from "./tokens";
import { customerActor } from "@/lib/server/actor";

export type SocialIdentityItem = {
  id: string;
  provider: string;
  providerName: string;
  email: string | null;
  linkedAt: Date;
  lastUsedAt: Date | null;
};

export async function listSocialIdentities(userId: string): Promise<SocialIdentityItem[]> {
  const rows = await db.socialIdentity.findMany({ where: { userId }, orderBy: { linkedAt: "asc" } });
  return rows.map((r) => ({
    id: r.id,
    provider: r.provider,
    providerName: providerDisplayName(r.provider),
    email: r.email,
    linkedAt: r.linkedAt,
    lastUsedAt: r.lastUsedAt,
  }));
}

export type UnlinkResult = { ok: true } | { ok: false; code: "NOT_FOUND" | "LAST_METHOD" };

/**
 * Removes one of the user's identities, unless it is the last way to sign in (no password, no
 * passkey, no other identity): the account would be unreachable. Sessions started with the
 * provider stay valid; the identity just cannot start new ones. The account holder hears of it by
 * mail and push, as of every removed way in (NIST SP 800-63B-4 §4.6).
 */
export async function unlinkSocialIdentity(opts: {
  userId: string;
  identityId: string;
  client: ClientInfo;
}): Promise<UnlinkResult> {
  const result = await db.$transaction(async (tx) => {
    // Writing the user row first orders concurrent removals for one user (the row lock on
    // PostgreSQL, the single writer on SQLite), so two of them cannot each leave the other as
    // "the remaining method" and together remove both.
    const user = await tx.user.update({ where: { id: opts.userId }, data: { updatedAt: new Date() } });
    const identity = await tx.socialIdentity.findFirst({
      where: { id: opts.identityId, userId: opts.userId },
    });
    if (!identity) return { ok: false, code: "NOT_FOUND" } as const;
    // One after another: a transaction holds one connection.
    const hasPassword = await tx.passwordCredential.count({ where: { userId: opts.userId } });
    const passkeys = await tx.passkey.count({ where: { userId: opts.userId } });
    const otherIdentities = await tx.socialIdentity.count({
      where: { userId: opts.userId, id: { not: identity.id } },
    });
    if (hasPassword + passkeys + otherIdentities === 0) return { ok: false, code: "LAST_METHOD" } as const;
    await tx.socialIdentity.delete({ where: { id: identity.id } });
    await voidLinksAfterChange({ userId: opts.userId, change: "credential" }, { tx });
    await writeAuditEvent(tx, {
      type: "auth.social_unlinked",
      actor: customerActor(opts.userId, opts.client),
      subject: opts.userId,
      target: { type: "SocialIdentity", id: identity.id },
      metadata: { provider: identity.provider },
    });
    return { ok: true, user, provider: identity.provider } as const;
  });
  if (!result.ok) return result;
  sendSecurityPushInBackground(opts.userId, "securitySettingsChanged");
  sendMailInBackground({
    to: result.user.email,
    locale: localeOf(result.user.locale),
    template: {
      name: "social-account-unlinked",
      data: {
        provider: providerDisplayName(result.provider),
        time: new Date(),
        reviewUrl: securityReviewUrl(),
      },
    },
  });
  return { ok: true };
}

export type LinkIdentityResult =
  { ok: true; alreadyLinked: boolean } | { ok: false; code: "IDENTITY_IN_USE" };

/**
 * Links a provider account to the user inside the caller's transaction: the connect button on the
 * security page, or the sign-in completion once a /login/link sign-in is complete.
 */
export async function linkIdentity(
  opts: { userId: string; provider: string; subject: string; email: string | null; client: ClientInfo },
  { tx = db }: { tx?: Tx } = {},
): Promise<LinkIdentityResult> {
  const { provider, subject } = opts;
  await requireProvenAddress(opts.userId, { tx });
  const existing = await tx.socialIdentity.findUnique({ where: { provider_subject: { provider, subject } } });
  if (existing && existing.userId !== opts.userId) return { ok: false, code: "IDENTITY_IN_USE" };
  if (existing) {
    await tx.socialIdentity.update({ where: { id: existing.id }, data: { lastUsedAt: new Date() } });
    return { ok: true, alreadyLinked: true };
  }
  // The account row before the audit chain head, as in every sign-in (docs/decisions/0055): a link
  // inside a social sign-in that wrote its event first deadlocked with a parallel sign-in.
  await tx.user.update({ where: { id: opts.userId }, data: { updatedAt: new Date() } });
  const identity = await tx.socialIdentity.create({
    data: { userId: opts.userId, provider, subject, email: opts.email, lastUsedAt: new Date() },
  });
  await voidLinksAfterChange({ userId: opts.userId, change: "credential" }, { tx });
  await writeAuditEvent(tx, {
    type: "auth.social_linked",
    actor: customerActor(opts.userId, opts.client),
    subject: opts.userId,
    target: { type: "SocialIdentity", id: identity.id },
    metadata: { provider },
  });
  return { ok: true, alreadyLinked: false };
}
