/**
 * Customers with browser subscriptions on the local push service of the E2E tests (VAPID verified,
 * payload decrypted), for the Web Push tests. `db` is this module's own client and `push` its
 * service: vitest loads the module once per test file, which starts and stops both around its tests.
 */
import { createPrismaClient } from "@/lib/db/prisma-client";
import { savePushSubscription } from "@/lib/server/push/push-subscriptions";
import { generateVapidKeys } from "@/lib/env/vapid-keys";
import { startPushService, type PushService } from "../e2e/servers/push-service";
import { customerActor, type SessionActor } from "@/lib/server/actor";

// Set before lib/env is first read (lazily, by the first send): under NODE_ENV=test no local
// pair is generated, so without these push would be unavailable.
export const SUBJECT = "mailto:push-tests@example.de";
export const PAIR = generateVapidKeys();
process.env.VAPID_PUBLIC_KEY = PAIR.publicKey;
process.env.VAPID_PRIVATE_KEY = PAIR.privateKey;
process.env.VAPID_SUBJECT = SUBJECT;

export const db = createPrismaClient();
export let push: PushService;

export async function startPush() {
  push = await startPushService();
}

export async function stopPush() {
  await push.close();
  await db.$disconnect();
}

export async function customer(locale = "de"): Promise<SessionActor & { locale: string }> {
  const email = `push.${Date.now()}.${Math.random().toString(36).slice(2)}@example.com`;
  const user = await db.user.create({
    data: { email, emailNormalized: email, emailVerifiedAt: new Date(), locale },
  });
  const client = {
    ip: "192.0.2.7",
    userAgent: "Chrome test",
    browser: "Chrome 140",
    os: "Linux",
    location: null,
  };
  return { ...customerActor(user.id, client, "no-session"), locale };
}

/** A browser subscription on the local push service, stored for `actor`. */
export async function subscribe(actor: SessionActor) {
  const subscription = push.createSubscription();
  push.bindServerKey(subscription.id, PAIR.publicKey);
  const saved = await savePushSubscription(actor, {
    endpoint: subscription.endpoint,
    keys: subscription.keys,
  });
  if (!saved.ok) throw new Error(`subscribe failed: ${saved.code}`);
  return { ...subscription, rowId: saved.id };
}

export const pushAudit = (userId: string) =>
  db.auditEvent.findMany({
    where: { OR: [{ actorId: userId }, { subjectUserId: userId }], type: { startsWith: "push." } },
    orderBy: { sequence: "asc" },
    select: { type: true, actorId: true, subjectUserId: true, targetId: true },
  });
