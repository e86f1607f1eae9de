import "server-only";
/**
 * The periodic jobs behind `npm run jobs` (scripts/jobs.ts): erasure of accounts whose deletion
 * grace period is over, then the pruners of expired rows. Every step takes `now`, so tests (and
 * `--now=<ISO>`) can run the jobs as of another time. Never imports lib/db: the caller passes the
 * client.
 */
import { rekeyLegacyRecoveryCodes } from "@/lib/server/factors/recovery-code-store";
import { pruneIdempotencyKeys } from "@/lib/server/api/idempotency";
import { pruneActionKeys } from "@/lib/server/idempotency/action-keys";
import { pruneWebAuthnChallenges } from "@/lib/server/passkeys/challenges";
import { pruneRateLimitBuckets } from "@/lib/server/rate-limit/rate-limit";
import { pruneDataExports, pruneVerificationTokens } from "./data-exports";
import { pruneExpiredCodes } from "./prune-codes";
import { runDueErasures, type ErasureReport } from "./erasure";
import { runWebhookDeliveries } from "@/lib/server/webhooks/delivery";
import { pruneWebhookDeliveries } from "@/lib/server/webhooks/outbox";
import { db as defaultDb, type Db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { writeAuditCheckpoint, type WrittenCheckpoint } from "@/lib/server/audit/audit-checkpoint";

export type JobsReport = {
  erased: ErasureReport[];
  exportsWiped: number;
  tokensDeleted: number;
  /** E-mail and SMS codes a day past their expiry. */
  codesDeleted: number;
  challengesDeleted: number;
  rateLimitBucketsDeleted: number;
  /** Recovery codes an older version stored unkeyed (docs/decisions/0025); 0 once all are done. */
  recoveryCodesRekeyed: number;
  /** Webhook deliveries attempted in this run (the server's own worker does the same). */
  webhookDeliveries: number;
  /** Idempotency-Key answers past their day (docs/decisions/0061). */
  idempotencyKeysDeleted: number;
  /** Customer form keys past their day (docs/decisions/0072). */
  actionKeysDeleted: number;
  /** Delivered webhook deliveries older than the retention, deleted (decision 0048). */
  webhookDeliveriesPruned: number;
  /** The signed checkpoint over all audit chain heads (decision 0074); null when no head moved. */
  auditCheckpoint: WrittenCheckpoint | null;
};

export async function runJobs(
  { now = new Date() }: { now?: Date } = {},
  { tx: db = defaultDb }: { tx?: Db } = {},
): Promise<JobsReport> {
  const erased = await runDueErasures({ now }, { tx: db });
  const exportsWiped = await pruneDataExports({ now }, { tx: db });
  const tokensDeleted = await pruneVerificationTokens({ now }, { tx: db });
  const codesDeleted = await pruneExpiredCodes({ now }, { tx: db });
  const challengesDeleted = await pruneWebAuthnChallenges({ now }, { tx: db });
  const rateLimitBucketsDeleted = await pruneRateLimitBuckets({ now }, { tx: db });
  const recoveryCodesRekeyed = await rekeyLegacyRecoveryCodes({}, { tx: db });
  const webhookDeliveries = (await runWebhookDeliveries({ now }, { tx: db })).length;
  const idempotencyKeysDeleted = await pruneIdempotencyKeys({ now }, { tx: db });
  const actionKeysDeleted = await pruneActionKeys({ now }, { tx: db });
  const webhookDeliveriesPruned = await pruneWebhookDeliveries({ now }, { tx: db });
  // Last, so it covers the events the jobs above wrote.
  const auditCheckpoint = await writeAuditCheckpoint({ now, secret: getEnv().authSecret }, { tx: db });
  return {
    erased,
    exportsWiped,
    tokensDeleted,
    codesDeleted,
    challengesDeleted,
    rateLimitBucketsDeleted,
    recoveryCodesRekeyed,
    webhookDeliveries,
    idempotencyKeysDeleted,
    actionKeysDeleted,
    webhookDeliveriesPruned,
    auditCheckpoint,
  };
}

/** The lines `npm run jobs` prints. */
export function describeJobsReport(report: JobsReport): string[] {
  return [
    `accounts erased: ${report.erased.length}`,
    ...report.erased.map(
      (e) =>
        `  erased ${e.userId} (pseudonym in the audit log): ${e.auditEventsRedacted} audit event(s) redacted, ` +
        `${e.signInAttemptsDeleted} sign-in attempt(s) and ${e.rateLimitBucketsDeleted} rate-limit bucket(s) deleted`,
    ),
    `data exports wiped: ${report.exportsWiped}`,
    `expired one-time tokens deleted: ${report.tokensDeleted}`,
    `expired e-mail and SMS codes deleted: ${report.codesDeleted}`,
    `expired WebAuthn challenges deleted: ${report.challengesDeleted}`,
    `expired rate-limit buckets deleted: ${report.rateLimitBucketsDeleted}`,
    `recovery codes re-keyed: ${report.recoveryCodesRekeyed}`,
    `webhook deliveries attempted: ${report.webhookDeliveries}`,
    `expired idempotency keys deleted: ${report.idempotencyKeysDeleted}`,
    `expired form submission keys deleted: ${report.actionKeysDeleted}`,
    `delivered webhook deliveries pruned: ${report.webhookDeliveriesPruned}`,
    report.auditCheckpoint
      ? `audit checkpoint ${report.auditCheckpoint.number} signed over ${report.auditCheckpoint.heads.length} chain head(s), heads digest ${report.auditCheckpoint.digest}`
      : "audit checkpoint: no chain head moved since the last one",
  ];
}
