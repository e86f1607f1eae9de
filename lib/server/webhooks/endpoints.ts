import "server-only";
/**
 * Webhook endpoints as admins manage them (docs/decisions/0047): register (URL, events; the
 * signing secret is made here and shown once), disable, the delivery log, and sending a delivery
 * again. Every change is audited with the admin as actor.
 */
import { randomBytes } from "node:crypto";
import { isWebhookEventType, type WebhookEventType } from "@/lib/config/webhooks";
import { db as defaultDb, type Db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { isLocalUrl } from "@/lib/env/parse";
import type { StaffActor } from "@/lib/server/actor";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { encryptValue, envelopeKeyId } from "@/lib/server/crypto/encryption";
import { wakeWebhookWorker } from "./worker";

export type WebhookEndpointSummary = {
  id: string;
  url: string;
  events: WebhookEventType[];
  createdAt: Date;
  disabledAt: Date | null;
  deliveries: {
    id: string;
    eventId: string;
    eventType: string;
    status: "PENDING" | "DELIVERED" | "FAILED";
    attempts: number;
    lastStatusCode: number | null;
    lastError: string | null;
    createdAt: Date;
    deliveredAt: Date | null;
  }[];
};

/** Receivers get customer ids: only over TLS, except on a local installation (tests, development). */
export function acceptableWebhookUrl(url: string, appUrl = getEnv().appUrl): boolean {
  const parsed = new URL(url);
  if (parsed.username || parsed.password) return false;
  return parsed.protocol === "https:" || (parsed.protocol === "http:" && isLocalUrl(appUrl));
}

export async function createWebhookEndpoint(
  input: { actor: StaffActor; url: string; events: WebhookEventType[] },
  { tx = defaultDb }: { tx?: Db } = {},
): Promise<{ ok: true; id: string; secret: string } | { ok: false; code: "URL_NOT_ALLOWED" }> {
  if (!acceptableWebhookUrl(input.url)) return { ok: false, code: "URL_NOT_ALLOWED" };
  const secret = `whsec_${randomBytes(32).toString("base64")}`;
  const events = [...new Set(input.events)];
  const sealed = encryptValue(secret);
  const id = await tx.$transaction(async (t) => {
    const row = await t.webhookEndpoint.create({
      data: {
        url: input.url,
        events,
        secretCiphertext: sealed,
        secretKeyId: envelopeKeyId(sealed),
        createdById: input.actor.userId,
      },
      select: { id: true },
    });
    await writeAuditEvent(t, {
      type: "webhook.endpoint_created",
      actor: input.actor,
      target: { type: "WebhookEndpoint", id: row.id },
      metadata: { url: input.url, events },
    });
    return row.id;
  });
  return { ok: true, id, secret };
}

export async function disableWebhookEndpoint(
  input: { actor: StaffActor; id: string },
  { tx = defaultDb }: { tx?: Db } = {},
): Promise<{ ok: true } | { ok: false; code: "NOT_FOUND" }> {
  return tx.$transaction(async (t) => {
    const { count } = await t.webhookEndpoint.updateMany({
      where: { id: input.id, disabledAt: null },
      data: { disabledAt: new Date() },
    });
    if (count === 0) return { ok: false as const, code: "NOT_FOUND" as const };
    await writeAuditEvent(t, {
      type: "webhook.endpoint_disabled",
      actor: input.actor,
      target: { type: "WebhookEndpoint", id: input.id },
    });
    return { ok: true as const };
  });
}

/** Sends a delivery again from the first attempt (a failed one, or a delivered one on request). */
export async function resendWebhookDelivery(
  input: { actor: StaffActor; id: string },
  { tx = defaultDb }: { tx?: Db } = {},
): Promise<{ ok: true } | { ok: false; code: "NOT_FOUND" }> {
  const result = await tx.$transaction(async (t) => {
    const { count } = await t.webhookDelivery.updateMany({
      where: { id: input.id, status: { in: ["FAILED", "DELIVERED"] }, endpoint: { disabledAt: null } },
      data: { status: "PENDING", attempts: 0, nextAttemptAt: new Date(), lockedUntil: null },
    });
    if (count === 0) return { ok: false as const, code: "NOT_FOUND" as const };
    await writeAuditEvent(t, {
      type: "webhook.delivery_resent",
      actor: input.actor,
      target: { type: "WebhookDelivery", id: input.id },
    });
    return { ok: true as const };
  });
  // Committed: the worker of this process sends it now, not at its next idle round (0049).
  if (result.ok) wakeWebhookWorker();
  return result;
}

/** Every endpoint with its latest deliveries (the delivery log), newest first. */
export async function listWebhookEndpoints(
  { deliveries = 20 }: { deliveries?: number } = {},
  { tx = defaultDb }: { tx?: Db } = {},
): Promise<WebhookEndpointSummary[]> {
  const rows = await tx.webhookEndpoint.findMany({
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      url: true,
      events: true,
      createdAt: true,
      disabledAt: true,
      deliveries: {
        orderBy: { createdAt: "desc" },
        take: deliveries,
        select: {
          id: true,
          eventId: true,
          eventType: true,
          status: true,
          attempts: true,
          lastStatusCode: true,
          lastError: true,
          createdAt: true,
          deliveredAt: true,
        },
      },
    },
  });
  return rows.map((row) => ({
    ...row,
    events: Array.isArray(row.events) ? row.events.filter(isWebhookEventType) : [],
  }));
}
