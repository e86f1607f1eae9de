import "server-only";
/**
 * The customer's push devices: list, subscribe this browser, choose what it receives, remove.
 * Every query filters by the signed-in customer's id, so another customer's id matches nothing.
 */
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import type { PushSubscriptionInput } from "@/lib/schemas/push";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { requireProvenAddress } from "@/lib/server/identity/mailbox-proof";
import { describeUserAgent } from "@/lib/server/request/client-info";
import { endpointFingerprint, isAllowedPushEndpoint } from "./endpoint-policy";
import { hasMarketingPushConsent } from "./push-consent";
import type { SessionActor } from "@/lib/server/actor";

export type PushDeviceItem = {
  id: string;
  /** endpointFingerprint(endpoint): lets the page recognise its own subscription. */
  fingerprint: string;
  browser: string | null;
  os: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  allowsTransactional: boolean;
  allowsMarketing: boolean;
};

export async function listPushDevices(userId: string): Promise<PushDeviceItem[]> {
  const rows = await db.pushSubscription.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      endpoint: true,
      userAgent: true,
      createdAt: true,
      lastUsedAt: true,
      allowsTransactional: true,
      allowsMarketing: true,
    },
  });
  return rows.map(({ endpoint, userAgent, ...row }) => ({
    ...row,
    fingerprint: endpointFingerprint(endpoint),
    ...describeUserAgent(userAgent),
  }));
}

function auditBase(actor: SessionActor, subscriptionId: string) {
  return { actor, subject: actor.userId, target: { type: "PushSubscription", id: subscriptionId } };
}

export type SavePushResult =
  { ok: true; id: string } | { ok: false; code: "ENDPOINT_NOT_ALLOWED" | "ENDPOINT_TAKEN" };

/**
 * Stores this browser's subscription for the customer. The same endpoint again (a browser that
 * subscribes anew) updates the row. An endpoint another account holds is refused, never moved or
 * overwritten: the browser then drops its subscription and asks its push service for a new one
 * (a browser shared by two accounts), and the other account's row dies with a 410 on its next push.
 * Refused while the address is unproven: a device that receives the account's security notices is
 * not for whoever typed the address first (docs/decisions/0018).
 */
export async function savePushSubscription(
  actor: SessionActor,
  subscription: PushSubscriptionInput,
): Promise<SavePushResult> {
  if (!isAllowedPushEndpoint(subscription.endpoint, { isPublicUrl: getEnv().isPublicUrl }))
    return { ok: false, code: "ENDPOINT_NOT_ALLOWED" };
  const session = await db.session.findFirst({
    where: { id: actor.sessionId, userId: actor.userId },
    select: { deviceId: true },
  });
  const fields = {
    p256dh: subscription.keys.p256dh,
    auth: subscription.keys.auth,
    expiresAt: subscription.expirationTime ? new Date(subscription.expirationTime) : null,
    deviceId: session?.deviceId ?? null,
    userAgent: actor.client.userAgent,
    failureCount: 0,
  };
  const metadata = {
    endpointOrigin: new URL(subscription.endpoint).origin,
    browser: actor.client.browser,
    os: actor.client.os,
  };
  return db.$transaction(async (tx) => {
    await requireProvenAddress(actor.userId, { tx });
    const existing = await tx.pushSubscription.findUnique({
      where: { endpoint: subscription.endpoint },
      select: { id: true, userId: true },
    });
    if (existing && existing.userId !== actor.userId) return { ok: false, code: "ENDPOINT_TAKEN" } as const;
    const row = existing
      ? await tx.pushSubscription.update({ where: { id: existing.id }, data: fields })
      : await tx.pushSubscription.create({
          data: { ...fields, userId: actor.userId, endpoint: subscription.endpoint },
        });
    await writeAuditEvent(tx, { ...auditBase(actor, row.id), type: "push.subscribed", metadata });
    return { ok: true, id: row.id } as const;
  });
}

/** Removes one of the customer's push devices; false when the id is not theirs (or gone). */
export async function removePushSubscription(actor: SessionActor, subscriptionId: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.pushSubscription.deleteMany({
      where: { id: subscriptionId, userId: actor.userId },
    });
    if (count === 0) return false;
    await writeAuditEvent(tx, {
      ...auditBase(actor, subscriptionId),
      type: "push.unsubscribed",
      metadata: { reason: "removed_by_customer" },
    });
    return true;
  });
}

export type UpdatePushPreferencesResult =
  { ok: true } | { ok: false; code: "NOT_FOUND" | "MARKETING_CONSENT_REQUIRED" };

/** What one device receives. Offers only with a current marketing_push consent. */
export async function updatePushPreferences(
  actor: SessionActor,
  opts: { subscriptionId: string; allowsTransactional: boolean; allowsMarketing: boolean },
): Promise<UpdatePushPreferencesResult> {
  return db.$transaction(async (tx): Promise<UpdatePushPreferencesResult> => {
    if (opts.allowsMarketing && !(await hasMarketingPushConsent(actor.userId, { tx })))
      return { ok: false, code: "MARKETING_CONSENT_REQUIRED" };
    const { count } = await tx.pushSubscription.updateMany({
      where: { id: opts.subscriptionId, userId: actor.userId },
      data: { allowsTransactional: opts.allowsTransactional, allowsMarketing: opts.allowsMarketing },
    });
    if (count === 0) return { ok: false, code: "NOT_FOUND" };
    await writeAuditEvent(tx, {
      ...auditBase(actor, opts.subscriptionId),
      type: "communication.preferences_updated",
      metadata: {
        channel: "PUSH",
        allowsTransactional: opts.allowsTransactional,
        allowsMarketing: opts.allowsMarketing,
      },
    });
    return { ok: true };
  });
}
