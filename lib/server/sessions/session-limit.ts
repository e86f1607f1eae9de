import "server-only";
/**
 * The maximum of concurrent sessions per account (docs/decisions/0033). A sign-in past it ends the
 * least recently used session, audits that, and the security page says which one it was, so a
 * customer who did not expect it knows where to look.
 */
import { db, type Db, type Tx } from "@/lib/db";
import { MAX_ACTIVE_SESSIONS, SESSION_LIMIT_NOTICE_DAYS } from "@/lib/config/sessions";
import { customerActor } from "@/lib/server/actor";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import type { ClientInfo } from "@/lib/server/request/client-info";

const activeWhere = (userId: string, now: Date) => ({
  userId,
  revokedAt: null,
  idleExpiresAt: { gt: now },
  absoluteExpiresAt: { gt: now },
});

/**
 * Ends the user's active sessions beyond the maximum, the least recently used first, never
 * `keepSessionId` (the one just opened). Runs inside the sign-in's transaction. Returns the ids.
 */
export async function endSessionsBeyondLimit(
  tx: Tx | Db,
  opts: { userId: string; keepSessionId: string; client: ClientInfo },
): Promise<string[]> {
  const now = new Date();
  const others = await tx.session.findMany({
    where: { ...activeWhere(opts.userId, now), id: { not: opts.keepSessionId } },
    orderBy: [{ lastSeenAt: "desc" }, { createdAt: "desc" }],
    select: { id: true },
  });
  const beyond = others.slice(MAX_ACTIVE_SESSIONS - 1).map((s) => s.id);
  if (beyond.length === 0) return [];
  // One statement for all rows, then the audit events: parallel sign-ins of one account lock the
  // sessions and then the audit chain head in the same order, so they cannot deadlock.
  await tx.session.updateMany({
    where: { id: { in: beyond }, revokedAt: null },
    data: { revokedAt: now, revokeReason: "SESSION_LIMIT" },
  });
  const ended = await tx.session.findMany({
    where: { id: { in: beyond }, revokedAt: now, revokeReason: "SESSION_LIMIT" },
    select: { id: true },
  });
  for (const { id } of ended) {
    await writeAuditEvent(tx, {
      type: "auth.session_ended_at_limit",
      actor: customerActor(opts.userId, opts.client),
      subject: opts.userId,
      target: { type: "Session", id },
      metadata: { limit: MAX_ACTIVE_SESSIONS, newSessionId: opts.keepSessionId },
    });
  }
  return ended.map((s) => s.id);
}

export type EndedSessionItem = {
  id: string;
  browser: string | null;
  os: string | null;
  country: string | null;
  city: string | null;
  ip: string | null;
  lastSeenAt: Date;
  endedAt: Date;
};

/** Sessions the maximum ended in the last days, newest first: shown under the session list. */
export async function listSessionsEndedAtLimit(
  userId: string,
  { tx = db }: { tx?: Tx | Db } = {},
): Promise<EndedSessionItem[]> {
  const since = new Date(Date.now() - SESSION_LIMIT_NOTICE_DAYS * 86_400_000);
  const rows = await tx.session.findMany({
    where: { userId, revokeReason: "SESSION_LIMIT", revokedAt: { gte: since } },
    include: { device: { select: { browser: true, os: true } } },
    orderBy: { revokedAt: "desc" },
    take: 5,
  });
  return rows.map((s) => ({
    id: s.id,
    browser: s.device?.browser ?? null,
    os: s.device?.os ?? null,
    country: s.country,
    city: s.city,
    ip: s.ip,
    lastSeenAt: s.lastSeenAt,
    endedAt: s.revokedAt ?? s.lastSeenAt,
  }));
}
