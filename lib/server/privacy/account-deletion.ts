import "server-only";
/**
 * Deletion request and its cancellation (docs/decisions/0016). A request marks the account PENDING_DELETION with
 * the date the erasure job may erase it (now + DELETION_GRACE_DAYS), ends every session at once and
 * mails a confirmation. Signing in during the grace period lands on /account/privacy, where the
 * customer can cancel; the erasure itself is erasure.ts, run by `npm run jobs`.
 */
import { db as defaultDb, type Db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { localeOf, sendMailInBackground } from "@/lib/server/identity/notify";
import { revokeSessions } from "@/lib/server/sessions/sessions";
import type { CustomerActor } from "@/lib/server/actor";

/** Where a sign-in during the grace period lands (the page offers "Löschung abbrechen"). */
export const DELETION_PENDING_PATH = "/account/privacy?deletion=pending";

const DAY_MS = 24 * 60 * 60 * 1000;

export type DeletionState = { pending: false } | { pending: true; requestedAt: Date; scheduledFor: Date };

export async function getDeletionState(
  userId: string,
  { tx: db = defaultDb }: { tx?: Db } = {},
): Promise<DeletionState> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { status: true, deletionRequestedAt: true, deletionScheduledFor: true },
  });
  if (user?.status !== "PENDING_DELETION" || !user.deletionRequestedAt || !user.deletionScheduledFor)
    return { pending: false };
  return { pending: true, requestedAt: user.deletionRequestedAt, scheduledFor: user.deletionScheduledFor };
}

/** Whether a successful sign-in should land on the page that offers to cancel the deletion. */
export async function isDeletionPending(
  userId: string,
  { tx: db = defaultDb }: { tx?: Db } = {},
): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { status: true } });
  return user?.status === "PENDING_DELETION";
}

export type DeletionRequestResult =
  | { ok: true; scheduledFor: Date; sessionsEnded: number }
  | { ok: false; code: "ALREADY_PENDING" | "NOT_FOUND" };

export async function requestAccountDeletion(
  { actor, now = new Date() }: { actor: CustomerActor; now?: Date },
  { tx: db = defaultDb }: { tx?: Db } = {},
): Promise<DeletionRequestResult> {
  const graceDays = getEnv().deletionGraceDays;
  const scheduledFor = new Date(now.getTime() + graceDays * DAY_MS);
  const result = await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: actor.userId },
      select: { email: true, locale: true, status: true },
    });
    if (!user) return { ok: false, code: "NOT_FOUND" } as const;
    // Conditional on the status, so a double submit cannot push the date back.
    const { count } = await tx.user.updateMany({
      where: { id: actor.userId, status: { not: "PENDING_DELETION" } },
      data: { status: "PENDING_DELETION", deletionRequestedAt: now, deletionScheduledFor: scheduledFor },
    });
    if (count !== 1) return { ok: false, code: "ALREADY_PENDING" } as const;
    const sessionsEnded = await revokeSessions(
      { userId: actor.userId, reason: "DELETION_REQUESTED" },
      { tx },
    );
    await writeAuditEvent(tx, {
      type: "privacy.deletion_requested",
      actor,
      subject: actor.userId,
      metadata: { scheduledFor: scheduledFor.toISOString(), graceDays, sessionsEnded },
    });
    return { ok: true, scheduledFor, sessionsEnded, user } as const;
  });
  if (!result.ok) return result;
  sendMailInBackground({
    to: result.user.email,
    locale: localeOf(result.user.locale),
    template: {
      name: "account-deletion-requested",
      data: {
        scheduledFor,
        cancelUrl: `${getEnv().appUrl}/login?callbackUrl=${encodeURIComponent(DELETION_PENDING_PATH)}`,
      },
    },
  });
  return { ok: true, scheduledFor, sessionsEnded: result.sessionsEnded };
}

/** Restores the account (only the customer's own, only while pending). Returns whether it did. */
export async function cancelAccountDeletion(
  actor: CustomerActor,
  { tx: db = defaultDb }: { tx?: Db } = {},
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: actor.userId, status: "PENDING_DELETION" },
      data: { status: "ACTIVE", deletionRequestedAt: null, deletionScheduledFor: null },
    });
    if (count !== 1) return false;
    await writeAuditEvent(tx, {
      type: "privacy.deletion_cancelled",
      actor,
      subject: actor.userId,
    });
    return true;
  });
}
