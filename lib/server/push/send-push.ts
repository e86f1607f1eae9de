import "server-only";
/**
 * Sending Web Push messages. `web-push` builds the request: the payload encrypted for the browser
 * (aes128gcm, RFC 8291) and the VAPID JWT (RFC 8292). We send it with fetch ourselves, which
 * follows no redirects (an endpoint cannot bounce the request elsewhere) and also reaches the
 * http:// push service of local tests. A 404/410 answer means the browser dropped the
 * subscription: the row is deleted. Any other failure is counted on the row.
 */
import webpush from "web-push";
import { createTranslator } from "use-intl/core";
import type { NoticeTextKey } from "@/lib/config/order-notices";
import { db } from "@/lib/db";
import { getEnv, type PushConfig } from "@/lib/env";
import { toLocale, type Locale } from "@/lib/i18n/config";
import de from "@/messages/de.json";
import en from "@/messages/en.json";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { consumeRateLimit } from "@/lib/server/rate-limit/rate-limit";
import { isAllowedPushEndpoint } from "./endpoint-policy";
import { hasMarketingPushConsent } from "./push-consent";
import { systemActor, type SessionActor } from "@/lib/server/actor";

/** What the service worker (public/sw.js) shows; `url` is a path on this portal. */
export type PushMessage = { title: string; body: string; url: string };
export type PushOutcome = "delivered" | "expired" | "failed";
export type PushTally = Record<PushOutcome, number>;

const SEND_TIMEOUT_MS = 10_000;
/** A test or a security notice is stale after a day; the push service may drop it then. */
const TTL_SECONDS = 24 * 3600;

type Target = { id: string; userId: string; endpoint: string; p256dh: string; auth: string };

const CATALOGS = { de, en } as const;

function pushTranslator(locale: Locale) {
  return createTranslator({
    locale,
    messages: CATALOGS[locale],
    namespace: "account.communication.push.notifications",
    onError: (error) => {
      throw error;
    },
  });
}

/** Sends one message to one subscription and records the outcome on the row. */
async function deliver(target: Target, message: PushMessage, config: PushConfig): Promise<PushOutcome> {
  if (!isAllowedPushEndpoint(target.endpoint, { isPublicUrl: getEnv().isPublicUrl })) {
    await countFailure(target.id);
    return "failed";
  }
  let status: number;
  try {
    const request = webpush.generateRequestDetails(
      { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
      JSON.stringify(message),
      {
        vapidDetails: config,
        TTL: TTL_SECONDS,
        contentEncoding: "aes128gcm",
        urgency: "normal",
      },
    );
    const response = await fetch(target.endpoint, {
      method: request.method,
      // fetch sets Content-Length itself from the body.
      headers: Object.fromEntries(
        Object.entries(request.headers)
          .filter(([name]) => name.toLowerCase() !== "content-length")
          .map(([name, value]) => [name, String(value)]),
      ),
      body: request.body ? new Uint8Array(request.body) : undefined,
      redirect: "manual",
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    status = response.status;
    await response.body?.cancel();
  } catch (error) {
    console.warn(`[push] sending to ${new URL(target.endpoint).origin} failed: ${String(error)}`);
    await countFailure(target.id);
    return "failed";
  }
  if (status >= 200 && status < 300) {
    await db.pushSubscription.updateMany({
      where: { id: target.id },
      data: { lastUsedAt: new Date(), failureCount: 0 },
    });
    return "delivered";
  }
  if (status === 404 || status === 410) {
    await removeExpired(target);
    return "expired";
  }
  console.warn(`[push] ${new URL(target.endpoint).origin} answered ${status}`);
  await countFailure(target.id);
  return "failed";
}

async function countFailure(id: string): Promise<void> {
  await db.pushSubscription.updateMany({ where: { id }, data: { failureCount: { increment: 1 } } });
}

async function removeExpired(target: Target): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.pushSubscription.deleteMany({ where: { id: target.id } });
    if (count === 0) return;
    await writeAuditEvent(tx, {
      type: "push.unsubscribed",
      actor: systemActor(),
      subject: target.userId,
      target: { type: "PushSubscription", id: target.id },
      metadata: { reason: "expired_at_push_service" },
    });
  });
}

const TARGET_FIELDS = { id: true, userId: true, endpoint: true, p256dh: true, auth: true } as const;

export type TestPushResult =
  { ok: true; outcome: PushOutcome } | { ok: false; code: "NOT_FOUND" | "UNAVAILABLE" | "RATE_LIMITED" };

/** "Send a test notification" to one of the customer's own devices (whatever it allows). */
export async function sendTestPush(
  actor: SessionActor,
  opts: { subscriptionId: string; locale: string },
): Promise<TestPushResult> {
  const { subscriptionId } = opts;
  const config = getEnv().push;
  if (!config) return { ok: false, code: "UNAVAILABLE" };
  const target = await db.pushSubscription.findFirst({
    where: { id: subscriptionId, userId: actor.userId },
    select: TARGET_FIELDS,
  });
  if (!target) return { ok: false, code: "NOT_FOUND" };
  if (!(await consumeRateLimit({ policy: "pushTest", subject: actor.userId })).allowed)
    return { ok: false, code: "RATE_LIMITED" };
  const t = pushTranslator(toLocale(opts.locale));
  const outcome = await deliver(
    target,
    { title: t("test.title"), body: t("test.body"), url: "/account/communication" },
    config,
  );
  await writeAuditEvent(db, {
    type: "push.test_sent",
    actor,
    subject: actor.userId,
    target: { type: "PushSubscription", id: subscriptionId },
    metadata: { outcome },
  });
  return { ok: true, outcome };
}

async function sendToDevices(
  where: { userId: string; allowsTransactional?: true; allowsMarketing?: true },
  message: (locale: Locale) => PushMessage,
): Promise<PushTally> {
  const tally: PushTally = { delivered: 0, expired: 0, failed: 0 };
  const config = getEnv().push;
  if (!config) return tally;
  // Devices first: most customers have none, and then nothing else is read.
  const targets = await db.pushSubscription.findMany({ where, select: TARGET_FIELDS });
  if (targets.length === 0) return tally;
  const user = await db.user.findUnique({ where: { id: where.userId }, select: { locale: true } });
  if (!user) return tally;
  const text = message(toLocale(user.locale));
  for (const target of targets) tally[await deliver(target, text, config)] += 1;
  return tally;
}

export type SecurityPushNotice = "newDeviceSignIn" | "passwordChanged" | "securitySettingsChanged";

/**
 * A transactional security notice to every device of the customer that allows them: sent next to
 * the mails about a new-device sign-in, a password change and an added or removed factor
 * (identity/notify.ts). The mails remain the channel of record.
 */
export async function sendSecurityPush(userId: string, notice: SecurityPushNotice): Promise<PushTally> {
  return sendToDevices({ userId, allowsTransactional: true }, (locale) => {
    const t = pushTranslator(locale);
    return {
      title: t(`security.${notice}.title`),
      body: t(`security.${notice}.body`),
      url: "/account/security",
    };
  });
}

/** An offer to the devices that accept offers, only while the marketing_push consent is current. */
export async function sendMarketingPush(userId: string, message: PushMessage): Promise<PushTally> {
  if (!(await hasMarketingPushConsent(userId))) return { delivered: 0, expired: 0, failed: 0 };
  return sendToDevices({ userId, allowsMarketing: true }, () => message);
}

/**
 * A shop asks the customer to approve an order (docs/decisions/0063): a transactional notice to
 * the devices that allow them, linking to the approval; the mail goes out next to it.
 */
export async function sendApprovalPush(userId: string, approvalId: string): Promise<PushTally> {
  return sendToDevices({ userId, allowsTransactional: true }, (locale) => {
    const t = pushTranslator(locale);
    return {
      title: t("approval.requested.title"),
      body: t("approval.requested.body"),
      url: `/account/approvals/${approvalId}`,
    };
  });
}

/**
 * A service notice about an order (docs/decisions/0067) to the devices that allow transactional
 * notices; the caller has checked the customer's service-notice setting for push.
 */
export async function sendOrderPush(
  userId: string,
  notice: { text: NoticeTextKey; shopOrderId: string; url: string },
): Promise<PushTally> {
  return sendToDevices({ userId, allowsTransactional: true }, (locale) => {
    const t = pushTranslator(locale);
    return {
      title: t(`order.${notice.text}.title`),
      body: t(`order.${notice.text}.body`, { shopOrderId: notice.shopOrderId }),
      url: notice.url,
    };
  });
}
