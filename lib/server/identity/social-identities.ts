import "server-only";
/** The customer's linked social identities: listed on /account/security and removable there. */
import { db } from "@/lib/db";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { providerDisplayName } from "./social-session";
import { voidLinksAfterChange } from "./tokens";

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
 * provider stay valid; the identity just cannot start new ones.
 */
export async function unlinkSocialIdentity(opts: {
  userId: string;
  identityId: string;
  client: ClientInfo;
}): Promise<UnlinkResult> {
  return db.$transaction(async (tx) => {
    // Writing the user row first orders concurrent removals for one user (the row lock on
    // PostgreSQL, the single writer on SQLite), so two of them cannot each leave the other as
    // "the remaining method" and together remove both.
    await tx.user.update({ where: { id: opts.userId }, data: { updatedAt: new Date() } });
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
    await voidLinksAfterChange(tx, { userId: opts.userId, change: "credential" });
    await writeAuditEvent(tx, {
      type: "auth.social_unlinked",
      actorId: opts.userId,
      actorRole: "CUSTOMER",
      subjectUserId: opts.userId,
      targetType: "SocialIdentity",
      targetId: identity.id,
      ip: opts.client.ip,
      userAgent: opts.client.userAgent,
      metadata: { provider: identity.provider },
    });
    return { ok: true } as const;
  });
}
