import "server-only";
/**
 * The two links in newsletter mails, both usable without signing in:
 * - /newsletter/confirm?token=… (double opt-in, single-use token): activates the pending topics
 *   and stores the proof (time, IP, user agent, address, text version, consent record);
 * - /newsletter/unsubscribe?token=… (signed, no expiry): ends the email newsletter.
 * Opening a link changes nothing (mail scanners fetch links); the page's button, or a mail
 * client's RFC 8058 one-click POST, does.
 */
import { db } from "@/lib/db";
import {
  NEWSLETTER_CONSENT_PURPOSE,
  NEWSLETTER_TOPICS,
  type NewsletterTopic,
} from "@/lib/config/newsletter-topics";
import { toLocale } from "@/lib/i18n/config";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { recordConsent } from "@/lib/server/consent/record-consent";
import { sendMailInBackground } from "@/lib/server/identity/notify";
import { maskEmail } from "@/lib/server/mail/mask-email";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { endEmailNewsletter, latestNewsletterConsentRecordId } from "./newsletter-state";
import { consumeOptInToken, findOptInToken } from "./opt-in-token";
import { unsubscribeUrl, verifyUnsubscribeToken } from "./unsubscribe-token";
import { anonymousActor, customerActor } from "@/lib/server/actor";
import { enqueueWebhookEvent } from "@/lib/server/webhooks/outbox";

const byConfiguredOrder = (keys: string[]): NewsletterTopic[] =>
  NEWSLETTER_TOPICS.filter((key) => keys.includes(key));

export type OptInPreview = { topics: NewsletterTopic[]; emailMasked: string };

/** What the confirm page shows before the button: the topics still pending. Null: link unusable. */
export async function previewOptIn(token: string): Promise<OptInPreview | null> {
  const found = await findOptInToken(token);
  if (!found) return null;
  const [user, pending] = await Promise.all([
    db.user.findUnique({ where: { id: found.userId }, select: { email: true } }),
    db.topicSubscription.findMany({
      where: {
        userId: found.userId,
        channel: "EMAIL",
        status: "PENDING_CONFIRMATION",
        topicKey: { in: found.payload.topicKeys },
      },
      select: { topicKey: true },
    }),
  ]);
  if (!user || pending.length === 0) return null;
  return { topics: byConfiguredOrder(pending.map((p) => p.topicKey)), emailMasked: maskEmail(user.email) };
}

export type ConfirmResult = { ok: true; topics: NewsletterTopic[] } | { ok: false; code: "INVALID_LINK" };

export async function confirmNewsletter(opts: { token: string; client: ClientInfo }): Promise<ConfirmResult> {
  const done = await db.$transaction(async (tx) => {
    const found = await consumeOptInToken(opts.token, { tx });
    if (!found) return null;
    const { userId, payload } = found;
    const user = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { email: true, locale: true },
    });
    const pending = await tx.topicSubscription.findMany({
      where: {
        userId,
        channel: "EMAIL",
        status: "PENDING_CONFIRMATION",
        topicKey: { in: payload.topicKeys },
      },
      select: { id: true, topicKey: true },
      orderBy: { topicKey: "asc" },
    });
    if (pending.length === 0) return null;
    const now = new Date();
    // One consent record per topic: each subscription points at its own proof (consentRecordId
    // is unique), and the consent history shows every opt-in the person confirmed.
    for (const subscription of pending) {
      await recordConsent(
        {
          userId,
          purposeKey: NEWSLETTER_CONSENT_PURPOSE,
          action: "GRANTED",
          source: "DOUBLE_OPT_IN",
          locale: payload.locale,
          ip: opts.client.ip,
          userAgent: opts.client.userAgent,
        },
        { tx },
      );
      await tx.topicSubscription.update({
        where: { id: subscription.id, userId },
        data: {
          status: "ACTIVE",
          confirmedAt: now,
          confirmIp: opts.client.ip,
          confirmUserAgent: opts.client.userAgent?.slice(0, 512) ?? null,
          confirmedEmail: user.email,
          textVersion: payload.textVersion,
          consentRecordId: await latestNewsletterConsentRecordId(userId, { tx }),
        },
      });
    }
    const topics = byConfiguredOrder(pending.map((p) => p.topicKey));
    await writeAuditEvent(tx, {
      type: "newsletter.subscribed",
      actor: customerActor(userId, opts.client),
      subject: userId,
      target: { type: "TopicSubscription" },
      metadata: { topics, textVersion: payload.textVersion, source: "DOUBLE_OPT_IN" },
    });
    await enqueueWebhookEvent(tx, { type: "newsletter.confirmed", data: { customerId: userId, topics } });
    return { userId, email: user.email, locale: toLocale(user.locale), topics };
  });
  if (!done) return { ok: false, code: "INVALID_LINK" };
  // The first marketing mail: it shows the unsubscribe link every later one carries too.
  sendMailInBackground({
    to: done.email,
    locale: done.locale,
    template: {
      name: "newsletter-welcome",
      data: { topics: done.topics, unsubscribeUrl: unsubscribeUrl(done.userId) },
    },
  });
  return { ok: true, topics: done.topics };
}

export type UnsubscribePreview = { emailMasked: string; isSubscribed: boolean };

/** What the unsubscribe page shows before the button. Null: the link is not one of ours. */
export async function previewUnsubscribe(token: string): Promise<UnsubscribePreview | null> {
  const userId = verifyUnsubscribeToken(token);
  if (!userId) return null;
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true } });
  if (!user) return null;
  const open = await db.topicSubscription.count({
    where: { userId, channel: "EMAIL", status: { in: ["ACTIVE", "PENDING_CONFIRMATION"] } },
  });
  return { emailMasked: maskEmail(user.email), isSubscribed: open > 0 };
}

export type UnsubscribeResult = { ok: true; topics: string[] } | { ok: false; code: "INVALID_LINK" };

/** The button on the page or a one-click POST: ends every email topic; repeating it is harmless. */
export async function unsubscribeWithLink(opts: {
  token: string;
  client: ClientInfo;
  oneClick: boolean;
}): Promise<UnsubscribeResult> {
  const userId = verifyUnsubscribeToken(opts.token);
  if (!userId) return { ok: false, code: "INVALID_LINK" };
  const result = await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { locale: true } });
    if (!user) return null; // erased since the mail was sent
    return endEmailNewsletter(
      {
        userId,
        source: "EMAIL_LINK",
        // The link's holder is not signed in: whoever has the mail may end its newsletter.
        actor: anonymousActor(opts.client),
        locale: toLocale(user.locale),
        oneClick: opts.oneClick,
      },
      { tx },
    );
  });
  return result ? { ok: true, topics: result } : { ok: false, code: "INVALID_LINK" };
}
