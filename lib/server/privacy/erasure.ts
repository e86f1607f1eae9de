import "server-only";
/**
 * Erasure of an account whose deletion grace period is over (run by `npm run jobs`; takes the
 * client as a parameter and never imports lib/db, so the job script chooses the database).
 *
 * Model by model (prisma/schema.prisma, docs/decisions/0016):
 * - User and every row with a userId (profile, attributes, prompts, credentials, passkeys, factors,
 *   codes, tokens, challenges, pending sign-ins, sessions, devices, sign-in attempts, addresses,
 *   bank accounts, SEPA mandates, preferences, subscriptions, push subscriptions, consent records
 *   and states, exports, transaction confirmations): deleted with the User row (onDelete: Cascade).
 * - Rows that only reference the person as staff (UserRole.grantedBy, ApiKey.createdBy/revokedBy,
 *   ConsentPurposeVersion.publishedBy): SetNull.
 * - SignInAttempt rows without userId that carry the address (tries before the account existed):
 *   deleted by emailNormalized. RateLimitBucket rows keyed by the address or the id: deleted by key.
 * - AuditEvent (no foreign key, hash-chained): rows about or by the person keep type, time,
 *   sequence, ids and hashes; ip, userAgent and metadata are blanked and redactedAt set, which
 *   the verifier accepts (dataHash is only re-checked for unredacted rows). The ids then point at
 *   nothing: they are the pseudonym that keeps the person's events grouped.
 */
import { Prisma } from "@/lib/generated/prisma-sqlite/client";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { sendMail } from "@/lib/server/mail/send-mail";
import {
  accountDeviceSubject,
  RATE_LIMIT_POLICIES,
  type RateLimitPolicyName,
} from "@/lib/config/rate-limits";
import { rateLimitKey } from "@/lib/server/rate-limit/rate-limit";
import { toLocale } from "@/lib/i18n/config";
import { db as defaultDb, type Db } from "@/lib/db";
import { systemActor } from "@/lib/server/actor";
import { enqueueWebhookEvent } from "@/lib/server/webhooks/outbox";

export type ErasureReport = {
  userId: string;
  auditEventsRedacted: number;
  signInAttemptsDeleted: number;
  rateLimitBucketsDeleted: number;
};

/** Erases one account if it is still PENDING_DELETION and due at `now`; null when it is not. */
export async function eraseAccount(
  { userId, now = new Date() }: { userId: string; now?: Date },
  { tx: db = defaultDb }: { tx?: Db } = {},
): Promise<ErasureReport | null> {
  const erased = await db.$transaction(
    async (tx) => {
      const user = await tx.user.findFirst({
        where: { id: userId, status: "PENDING_DELETION", deletionScheduledFor: { lte: now } },
        select: { id: true, email: true, emailNormalized: true, locale: true },
      });
      if (!user) return null;

      const { count: auditEventsRedacted } = await tx.auditEvent.updateMany({
        where: { OR: [{ subjectUserId: user.id }, { actorId: user.id }], redactedAt: null },
        data: { ip: null, userAgent: null, metadata: Prisma.DbNull, redactedAt: now },
      });
      const { count: signInAttemptsDeleted } = await tx.signInAttempt.deleteMany({
        where: { OR: [{ userId: user.id }, { emailNormalized: user.emailNormalized }] },
      });
      const policies = Object.keys(RATE_LIMIT_POLICIES) as RateLimitPolicyName[];
      // The owner's browsers have buckets of their own (docs/decisions/0022), keyed by id and cookie.
      const devices = await tx.device.findMany({
        where: { userId: user.id },
        select: { cookieIdHash: true },
      });
      const keys = [
        ...policies.flatMap((p) => [rateLimitKey(p, user.emailNormalized), rateLimitKey(p, user.id)]),
        ...devices.map((d) =>
          rateLimitKey("signInAccountDevice", accountDeviceSubject(user.id, d.cookieIdHash)),
        ),
      ];
      const { count: rateLimitBucketsDeleted } = await tx.rateLimitBucket.deleteMany({
        where: { key: { in: keys } },
      });
      await tx.user.delete({ where: { id: user.id } });
      await writeAuditEvent(tx, {
        type: "privacy.account_erased",
        actor: systemActor(),
        subject: user.id,
        metadata: { auditEventsRedacted, signInAttemptsDeleted, rateLimitBucketsDeleted },
      });
      // Receivers delete their copy too (0047); the id is all they get, as a pseudonym from now on.
      await enqueueWebhookEvent(tx, { type: "customer.deleted", data: { customerId: user.id } });
      return {
        report: { userId: user.id, auditEventsRedacted, signInAttemptsDeleted, rateLimitBucketsDeleted },
        mail: { to: user.email, locale: toLocale(user.locale) },
      };
    },
    { maxWait: 10_000, timeout: 30_000 },
  );
  if (!erased) return null;
  // After commit and awaited (a job has no request to keep short); the address lives only in this
  // process's memory now. A failed delivery is reported, never a reason to undo the erasure.
  try {
    await sendMail({ ...erased.mail, template: { name: "account-deleted", data: { time: now } } });
  } catch (error) {
    console.error(
      `[jobs] account-deleted mail failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return erased.report;
}

/** Erases every account whose grace period ended by `now`, one transaction each. */
export async function runDueErasures(
  { now = new Date() }: { now?: Date } = {},
  { tx: db = defaultDb }: { tx?: Db } = {},
): Promise<ErasureReport[]> {
  const due = await db.user.findMany({
    where: { status: "PENDING_DELETION", deletionScheduledFor: { lte: now } },
    select: { id: true },
    orderBy: { deletionScheduledFor: "asc" },
  });
  const reports: ErasureReport[] = [];
  for (const { id } of due) {
    const report = await eraseAccount({ userId: id, now }, { tx: db });
    if (report) reports.push(report);
  }
  return reports;
}
