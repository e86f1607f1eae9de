import "server-only";
/**
 * Building blocks shared by the portal settings and the mail links, each in the caller's
 * transaction: the opt-in text shown, ending a person's email newsletter (with the consent
 * withdrawal), and reading the consent state. Every query is scoped by the caller's userId.
 */
import { NEWSLETTER_CONSENT_PURPOSE } from "@/lib/config/newsletter-topics";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import type { Actor } from "@/lib/server/actor";
import { recordConsent } from "@/lib/server/consent/record-consent";
import { voidOptInTokens } from "./opt-in-token";
import { db, type Tx } from "@/lib/db";
import { enqueueWebhookEvent } from "@/lib/server/webhooks/outbox";

export type MailLocale = "de" | "en";

export type OptInText = { textVersion: string; text: string };

/**
 * The marketing_email consent text the confirmation mail shows, and its version label
 * ("marketing_email v1 (de)"); the consent record created on confirmation holds its hash.
 */
export async function currentOptInText(
  locale: MailLocale,
  { tx = db }: { tx?: Tx } = {},
): Promise<OptInText> {
  const version = await tx.consentPurposeVersion.findFirst({
    where: { purpose: { key: NEWSLETTER_CONSENT_PURPOSE }, publishedAt: { not: null } },
    orderBy: { version: "desc" },
    include: { texts: true },
  });
  const text = version?.texts.find((t) => t.locale === locale) ?? version?.texts[0];
  if (!version || !text)
    throw new Error(`consent purpose "${NEWSLETTER_CONSENT_PURPOSE}" has no published text`);
  return {
    textVersion: `${NEWSLETTER_CONSENT_PURPOSE} v${version.version} (${text.locale})`,
    text: text.body,
  };
}

/** Whether the person's latest marketing_email consent record is a grant. */
export async function hasNewsletterConsent(userId: string, { tx = db }: { tx?: Tx } = {}): Promise<boolean> {
  const state = await tx.consentState.findFirst({
    where: { userId, purpose: { key: NEWSLETTER_CONSENT_PURPOSE } },
    select: { lastAction: true },
  });
  return state?.lastAction === "GRANTED";
}

/** The id of the consent record just appended for the user (ConsentState points at the latest). */
export async function latestNewsletterConsentRecordId(
  userId: string,
  { tx = db }: { tx?: Tx } = {},
): Promise<string> {
  const state = await tx.consentState.findFirstOrThrow({
    where: { userId, purpose: { key: NEWSLETTER_CONSENT_PURPOSE } },
    select: { lastRecordId: true },
  });
  return state.lastRecordId;
}

export type EndNewsletterSource = "PORTAL" | "EMAIL_LINK" | "CONSENT_WITHDRAWN" | "ACCOUNT_DELETION";

const CONSENT_SOURCE = {
  PORTAL: "COMMUNICATION_SETTINGS",
  EMAIL_LINK: "UNSUBSCRIBE_LINK",
} as const;

/**
 * Unsubscribes `topicKeys` (all EMAIL topics when omitted) that are active or pending, voids open
 * confirmation links when nothing stays pending, and, once no topic is left active, records the
 * withdrawal of marketing_email consent (unless the consent centre is the one withdrawing it).
 * Returns the topics it ended; writes newsletter.unsubscribed only when there were any.
 */
export async function endEmailNewsletter(
  opts: {
    userId: string;
    topicKeys?: string[];
    source: EndNewsletterSource;
    /** The customer, or whoever holds the mailed unsubscribe link (anonymous). */
    actor: Actor;
    locale: MailLocale;
    oneClick?: boolean;
  },
  { tx = db }: { tx?: Tx } = {},
): Promise<string[]> {
  const now = new Date();
  const where = {
    userId: opts.userId,
    channel: "EMAIL" as const,
    status: { in: ["ACTIVE" as const, "PENDING_CONFIRMATION" as const] },
    ...(opts.topicKeys ? { topicKey: { in: opts.topicKeys } } : {}),
  };
  const ending = await tx.topicSubscription.findMany({
    where,
    select: { topicKey: true },
    orderBy: { topicKey: "asc" },
  });
  if (ending.length > 0) {
    await tx.topicSubscription.updateMany({
      where,
      data: { status: "UNSUBSCRIBED", unsubscribedAt: now, unsubscribeSource: opts.source },
    });
  }
  const remaining = await tx.topicSubscription.findMany({
    where: { userId: opts.userId, channel: "EMAIL", status: { in: ["ACTIVE", "PENDING_CONFIRMATION"] } },
    select: { status: true },
  });
  const isStill = (status: string) => remaining.some((r) => r.status === status);
  if (!isStill("PENDING_CONFIRMATION")) await voidOptInTokens(opts.userId, { tx });

  const consentSource =
    opts.source === "PORTAL" || opts.source === "EMAIL_LINK" ? CONSENT_SOURCE[opts.source] : null;
  const withdrawsConsent =
    consentSource !== null && !isStill("ACTIVE") && (await hasNewsletterConsent(opts.userId, { tx }));
  if (withdrawsConsent) {
    await recordConsent(
      {
        userId: opts.userId,
        purposeKey: NEWSLETTER_CONSENT_PURPOSE,
        action: "WITHDRAWN",
        source: consentSource,
        locale: opts.locale,
        ip: opts.actor.client.ip,
        userAgent: opts.actor.client.userAgent,
      },
      { tx },
    );
  }
  const topics = ending.map((s) => s.topicKey);
  if (topics.length > 0 || withdrawsConsent) {
    await writeAuditEvent(tx, {
      type: "newsletter.unsubscribed",
      actor: opts.actor,
      subject: opts.userId,
      target: { type: "TopicSubscription" },
      metadata: {
        topics,
        source: opts.source,
        consentWithdrawn: withdrawsConsent,
        ...(opts.oneClick === undefined ? {} : { oneClick: opts.oneClick }),
      },
    });
    await enqueueWebhookEvent(tx, {
      type: "newsletter.unsubscribed",
      data: { customerId: opts.userId, topics, source: opts.source },
    });
  }
  return topics;
}
