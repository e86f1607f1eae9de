import "server-only";
/**
 * Appends a consent record (never updated) and moves the derived ConsentState to it, in the
 * caller's transaction. The text hash proves which wording the person saw.
 */
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { db, type Tx } from "@/lib/db";
import { customerActor } from "@/lib/server/actor";
import { enqueueWebhookEvent } from "@/lib/server/webhooks/outbox";

export type ConsentSourceName =
  | "REGISTRATION"
  | "CONSENT_CENTRE"
  | "RECONSENT_PROMPT"
  | "DOUBLE_OPT_IN"
  | "COMMUNICATION_SETTINGS"
  | "PROFILING_PROMPT"
  | "PAYMENT_SETUP"
  | "UNSUBSCRIBE_LINK"
  | "ACCOUNT_RECLAIM";

export async function recordConsent(
  opts: {
    userId: string;
    purposeKey: string;
    action: "GRANTED" | "WITHDRAWN";
    source: ConsentSourceName;
    locale: "de" | "en";
    ip: string | null;
    userAgent: string | null;
  },
  { tx = db }: { tx?: Tx } = {},
): Promise<{ recordId: string; version: number }> {
  const version = await tx.consentPurposeVersion.findFirst({
    where: { purpose: { key: opts.purposeKey }, publishedAt: { not: null } },
    orderBy: { version: "desc" },
    include: { texts: true },
  });
  if (!version) throw new Error(`consent purpose "${opts.purposeKey}" has no published version`);
  const text = version.texts.find((t) => t.locale === opts.locale) ?? version.texts[0];
  if (!text) throw new Error(`consent purpose "${opts.purposeKey}" v${version.version} has no text`);
  const record = await tx.consentRecord.create({
    data: {
      userId: opts.userId,
      purposeId: version.purposeId,
      versionId: version.id,
      action: opts.action,
      source: opts.source,
      locale: text.locale,
      textHash: text.textHash,
      ip: opts.ip,
      userAgent: opts.userAgent,
    },
  });
  await tx.consentState.upsert({
    where: { userId_purposeId: { userId: opts.userId, purposeId: version.purposeId } },
    create: {
      userId: opts.userId,
      purposeId: version.purposeId,
      versionId: version.id,
      lastAction: opts.action,
      lastRecordId: record.id,
    },
    update: { versionId: version.id, lastAction: opts.action, lastRecordId: record.id },
  });
  await writeAuditEvent(tx, {
    type: opts.action === "GRANTED" ? "consent.granted" : "consent.withdrawn",
    actor: customerActor(opts.userId, opts),
    subject: opts.userId,
    target: { type: "ConsentPurpose", id: opts.purposeKey },
    metadata: { purpose: opts.purposeKey, version: version.version, source: opts.source },
  });
  // Receivers hear of every consent change from the one writer, in its transaction (0047).
  await enqueueWebhookEvent(tx, {
    type: opts.action === "GRANTED" ? "consent.granted" : "consent.withdrawn",
    data: {
      customerId: opts.userId,
      purpose: opts.purposeKey,
      version: version.version,
      source: opts.source,
    },
  });
  return { recordId: record.id, version: version.version };
}
