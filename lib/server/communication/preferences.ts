import "server-only";
/**
 * /account/communication: channels, frequency and newsletter topics of the signed-in person.
 * Topics are EMAIL TopicSubscriptions; a new one starts PENDING_CONFIRMATION and a double opt-in
 * mail goes out (docs/decisions/0013). Every read and write is keyed by the session's userId, never
 * by an id from the request.
 */
import { db, type Tx } from "@/lib/db";
import {
  NEWSLETTER_CONFIRM_TTL_HOURS,
  NEWSLETTER_TOPICS,
  type CommunicationFrequency,
  type NewsletterTopic,
} from "@/lib/config/newsletter-topics";
import type { CommunicationPreferences } from "@/lib/schemas/communication";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { sendMailInBackground } from "@/lib/server/identity/notify";
import { consumeRateLimit } from "@/lib/server/rate-limit/rate-limit";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { currentOptInText, endEmailNewsletter, type MailLocale } from "./newsletter-state";
import { issueOptInToken, optInLink } from "./opt-in-token";
import { customerActor } from "@/lib/server/actor";
import { phoneStatus } from "@/lib/server/profile/phone-verification";

export type TopicStatus = "ACTIVE" | "PENDING_CONFIRMATION" | "UNSUBSCRIBED";

export type CommunicationSettings = {
  email: boolean;
  push: boolean;
  sms: boolean;
  frequency: CommunicationFrequency;
  topics: { key: NewsletterTopic; status: TopicStatus | null; confirmedAt: Date | null }[];
};

// The schema's column defaults, for people who never saved the form.
const DEFAULTS = {
  emailEnabled: true,
  pushEnabled: false,
  smsEnabled: false,
  frequency: "AS_PUBLISHED",
} as const;

export async function getCommunicationSettings(userId: string): Promise<CommunicationSettings> {
  const [preference, subscriptions, phone] = await Promise.all([
    db.communicationPreference.findUnique({ where: { userId } }),
    db.topicSubscription.findMany({
      where: { userId, channel: "EMAIL" },
      select: { topicKey: true, status: true, confirmedAt: true },
    }),
    phoneStatus(userId),
  ]);
  const p = preference ?? DEFAULTS;
  return {
    email: p.emailEnabled,
    push: p.pushEnabled,
    // Only with a verified number (docs/decisions/0052): a changed number un-verifies it, and the
    // channel reads as off until the new one is proven.
    sms: p.smsEnabled && phone.verified,
    frequency: p.frequency,
    // Only configured topics are shown; rows of a retired topic stay as history.
    topics: NEWSLETTER_TOPICS.map((key) => {
      const row = subscriptions.find((s) => s.topicKey === key);
      return { key, status: row?.status ?? null, confirmedAt: row?.confirmedAt ?? null };
    }),
  };
}

export type ConfirmationMailOutcome = "sent" | "not_needed" | "rate_limited";
type Person = { userId: string; client: ClientInfo };

async function pendingTopics(tx: Tx | typeof db, userId: string): Promise<NewsletterTopic[]> {
  const rows = await tx.topicSubscription.findMany({
    where: { userId, channel: "EMAIL", status: "PENDING_CONFIRMATION" },
    select: { topicKey: true },
  });
  return NEWSLETTER_TOPICS.filter((key) => rows.some((r) => r.topicKey === key));
}

/** Issues the link for every pending topic (voiding older links) and writes the audit event. */
async function prepareConfirmationMail(
  tx: Tx,
  opts: Person & { locale: MailLocale; topics: NewsletterTopic[] },
) {
  const text = await currentOptInText(opts.locale, { tx });
  const token = await issueOptInToken(
    {
      userId: opts.userId,
      payload: {
        channel: "EMAIL",
        topicKeys: opts.topics,
        locale: opts.locale,
        textVersion: text.textVersion,
      },
    },
    { tx },
  );
  await writeAuditEvent(tx, {
    type: "newsletter.confirmation_sent",
    actor: customerActor(opts.userId, opts.client),
    subject: opts.userId,
    target: { type: "TopicSubscription" },
    metadata: { topics: opts.topics, textVersion: text.textVersion },
  });
  return {
    template: {
      name: "newsletter-confirm" as const,
      data: {
        url: optInLink(token),
        topics: opts.topics,
        consentText: text.text,
        textVersion: text.textVersion,
        expiresHours: NEWSLETTER_CONFIRM_TTL_HOURS,
      },
    },
  };
}

export async function updateCommunicationPreferences(
  opts: Person & { locale: MailLocale; input: CommunicationPreferences },
): Promise<{ confirmation: ConfirmationMailOutcome; retryAfterSeconds: number }> {
  const wanted = new Set<string>(opts.input.topics);
  const current = await db.topicSubscription.findMany({
    where: { userId: opts.userId, channel: "EMAIL", status: { not: "UNSUBSCRIBED" } },
    select: { topicKey: true },
  });
  const isNewRequest = [...wanted].some((key) => !current.some((c) => c.topicKey === key));
  // Counted before the transaction (its own short one); when refused, the choice is still saved
  // and stays pending, and the page offers "send again" later.
  const decision = isNewRequest
    ? await consumeRateLimit({ policy: "newsletterConfirmation", subject: opts.userId })
    : null;
  const limit = {
    allowed: decision?.allowed ?? true,
    retryAfterSeconds: decision && !decision.allowed ? decision.retryAfterSeconds : 0,
  };

  const user = await db.user.findUniqueOrThrow({ where: { id: opts.userId }, select: { email: true } });
  // The action refuses SMS without a verified number with a message; this keeps the rule for
  // every other caller.
  const smsAllowed = (await phoneStatus(opts.userId)).verified;
  const mail = await db.$transaction(async (tx) => {
    const before = await tx.communicationPreference.findUnique({ where: { userId: opts.userId } });
    const next = {
      emailEnabled: opts.input.email,
      pushEnabled: opts.input.push,
      smsEnabled: opts.input.sms && smsAllowed,
      frequency: opts.input.frequency,
    };
    await tx.communicationPreference.upsert({
      where: { userId: opts.userId },
      create: { userId: opts.userId, ...next },
      update: next,
    });

    const rows = await tx.topicSubscription.findMany({
      where: { userId: opts.userId, channel: "EMAIL" },
      select: { topicKey: true, status: true },
    });
    const isOn = (key: string) => rows.some((r) => r.topicKey === key && r.status !== "UNSUBSCRIBED");
    const requested = NEWSLETTER_TOPICS.filter((key) => wanted.has(key) && !isOn(key));
    const removed = rows
      .filter((r) => r.status !== "UNSUBSCRIBED" && !wanted.has(r.topicKey))
      .map((r) => r.topicKey);

    const now = new Date();
    for (const topicKey of requested) {
      const fresh = {
        status: "PENDING_CONFIRMATION" as const,
        requestedAt: now,
        requestIp: opts.client.ip,
        // A new request needs new proof: the previous confirmation's fields are cleared (its
        // consent records stay in the append-only consent history).
        confirmedAt: null,
        confirmIp: null,
        confirmUserAgent: null,
        confirmedEmail: null,
        textVersion: null,
        consentRecordId: null,
        unsubscribedAt: null,
        unsubscribeSource: null,
      };
      await tx.topicSubscription.upsert({
        where: { userId_channel_topicKey: { userId: opts.userId, channel: "EMAIL", topicKey } },
        create: { userId: opts.userId, channel: "EMAIL", topicKey, ...fresh },
        update: fresh,
      });
    }
    if (removed.length > 0) {
      await endEmailNewsletter(
        {
          userId: opts.userId,
          topicKeys: removed,
          source: "PORTAL",
          actor: customerActor(opts.userId, opts.client),
          locale: opts.locale,
        },
        { tx },
      );
    }

    const changed = (Object.keys(next) as (keyof typeof next)[]).filter(
      (field) => (before ?? DEFAULTS)[field] !== next[field],
    );
    if (changed.length > 0 || requested.length > 0 || removed.length > 0) {
      await writeAuditEvent(tx, {
        type: "communication.preferences_updated",
        actor: customerActor(opts.userId, opts.client),
        subject: opts.userId,
        target: { type: "CommunicationPreference" },
        metadata: { changed, ...next, topicsRequested: requested, topicsRemoved: removed },
      });
    }
    if (requested.length === 0 || !limit.allowed) return null;
    return prepareConfirmationMail(tx, {
      ...opts,
      topics: await pendingTopics(tx, opts.userId),
    });
  });

  if (mail) sendMailInBackground({ to: user.email, locale: opts.locale, template: mail.template });
  return {
    confirmation: !isNewRequest ? "not_needed" : limit.allowed ? "sent" : "rate_limited",
    retryAfterSeconds: limit.retryAfterSeconds,
  };
}

export type ResendResult =
  | { ok: true }
  | { ok: false; code: "NOTHING_PENDING" }
  | { ok: false; code: "RATE_LIMITED"; retryAfterSeconds: number };

/** "Send the confirmation mail again": a new link for every pending topic, throttled per account. */
export async function resendNewsletterConfirmation(
  opts: Person & { locale: MailLocale },
): Promise<ResendResult> {
  if ((await pendingTopics(db, opts.userId)).length === 0) return { ok: false, code: "NOTHING_PENDING" };
  const limit = await consumeRateLimit({ policy: "newsletterConfirmation", subject: opts.userId });
  if (!limit.allowed) return { ok: false, code: "RATE_LIMITED", retryAfterSeconds: limit.retryAfterSeconds };
  const user = await db.user.findUniqueOrThrow({ where: { id: opts.userId }, select: { email: true } });
  const mail = await db.$transaction(async (tx) => {
    const topics = await pendingTopics(tx, opts.userId);
    return topics.length > 0 ? prepareConfirmationMail(tx, { ...opts, topics }) : null;
  });
  if (!mail) return { ok: false, code: "NOTHING_PENDING" };
  sendMailInBackground({ to: user.email, locale: opts.locale, template: mail.template });
  return { ok: true };
}
