/**
 * Web Push through the real domain functions, on SQLite and PostgreSQL, against the local push
 * service of the E2E tests (VAPID verified, payload decrypted): another customer's subscription
 * can never be read, changed, used or removed by its id or endpoint; delivery, 410 clean-up and
 * failure counting; transactional vs marketing (marketing_push consent).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { hashPassword } from "@/lib/server/passwords/password-hash";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { changePassword } from "@/lib/server/identity/change-password";
import { signInWithPassword } from "@/lib/server/identity/sign-in";
import { recordConsent } from "@/lib/server/consent/record-consent";
import {
  listPushDevices,
  removePushSubscription,
  savePushSubscription,
  updatePushPreferences,
} from "@/lib/server/push/push-subscriptions";
import { endpointFingerprint, isAllowedPushEndpoint } from "@/lib/server/push/endpoint-policy";
import { sendMarketingPush, sendSecurityPush, sendTestPush } from "@/lib/server/push/send-push";
import { generateVapidKeys } from "@/lib/env/vapid-keys";
import { startPushService, type PushService } from "../e2e/servers/push-service";
import { customerActor, type SessionActor } from "@/lib/server/actor";

// Set before lib/env is first read (lazily, by the first send): under NODE_ENV=test no local
// pair is generated, so without these push would be unavailable.
const SUBJECT = "mailto:push-tests@example.de";
const PAIR = generateVapidKeys();
process.env.VAPID_PUBLIC_KEY = PAIR.publicKey;
process.env.VAPID_PRIVATE_KEY = PAIR.privateKey;
process.env.VAPID_SUBJECT = SUBJECT;

const db = createPrismaClient();
let push: PushService;

beforeAll(async () => {
  push = await startPushService();
});
afterAll(async () => {
  await push.close();
  await db.$disconnect();
});

async function customer(locale = "de"): Promise<SessionActor & { locale: string }> {
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
async function subscribe(actor: SessionActor) {
  const subscription = push.createSubscription();
  push.bindServerKey(subscription.id, PAIR.publicKey);
  const saved = await savePushSubscription(actor, {
    endpoint: subscription.endpoint,
    keys: subscription.keys,
  });
  if (!saved.ok) throw new Error(`subscribe failed: ${saved.code}`);
  return { ...subscription, rowId: saved.id };
}

const pushAudit = (userId: string) =>
  db.auditEvent.findMany({
    where: { OR: [{ actorId: userId }, { subjectUserId: userId }], type: { startsWith: "push." } },
    orderBy: { sequence: "asc" },
    select: { type: true, actorId: true, subjectUserId: true, targetId: true },
  });

describe("push subscriptions across customers", () => {
  it("never lets a customer read, change, use or remove another customer's subscription", async () => {
    const erika = await customer();
    const max = await customer();
    const erikas = await subscribe(erika);
    const maxs = await subscribe(max);
    const maxRowBefore = await db.pushSubscription.findUniqueOrThrow({ where: { id: maxs.rowId } });

    expect((await listPushDevices(erika.userId)).map((d) => d.id)).toEqual([erikas.rowId]);
    expect((await listPushDevices(max.userId)).map((d) => d.id)).toEqual([maxs.rowId]);

    // Max's id in each of Erika's actions matches nothing.
    expect(await removePushSubscription(erika, maxs.rowId)).toBe(false);
    expect(
      await updatePushPreferences(erika, {
        subscriptionId: maxs.rowId,
        allowsTransactional: false,
        allowsMarketing: false,
      }),
    ).toEqual({ ok: false, code: "NOT_FOUND" });
    expect(await sendTestPush(erika, { subscriptionId: maxs.rowId, locale: erika.locale })).toEqual({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(push.received(maxs.id)).toEqual([]);

    // Nor does Max's endpoint: it is neither taken over nor overwritten with Erika's keys.
    const erikasKeys = push.createSubscription().keys;
    expect(await savePushSubscription(erika, { endpoint: maxs.endpoint, keys: erikasKeys })).toEqual({
      ok: false,
      code: "ENDPOINT_TAKEN",
    });

    expect(await db.pushSubscription.findUniqueOrThrow({ where: { id: maxs.rowId } })).toEqual(maxRowBefore);
    expect(await pushAudit(max.userId)).toEqual([
      { type: "push.subscribed", actorId: max.userId, subjectUserId: max.userId, targetId: maxs.rowId },
    ]);

    // Max himself can.
    expect(await removePushSubscription(max, maxs.rowId)).toBe(true);
    expect(await listPushDevices(max.userId)).toEqual([]);
    expect(await listPushDevices(erika.userId)).toHaveLength(1);
  });

  it("updates the row when the same browser subscribes again", async () => {
    const erika = await customer();
    const first = await subscribe(erika);
    const again = await savePushSubscription(erika, { endpoint: first.endpoint, keys: first.keys });
    expect(again).toEqual({ ok: true, id: first.rowId });
    expect(await db.pushSubscription.count({ where: { userId: erika.userId } })).toBe(1);
  });
});

describe("sending", () => {
  it("sends at most five test notifications per quarter hour and person", async () => {
    const lea = await customer();
    const device = await subscribe(lea);
    for (let i = 0; i < 5; i += 1) {
      expect(await sendTestPush(lea, { subscriptionId: device.rowId, locale: lea.locale })).toEqual({
        ok: true,
        outcome: "delivered",
      });
    }
    expect(await sendTestPush(lea, { subscriptionId: device.rowId, locale: lea.locale })).toEqual({
      ok: false,
      code: "RATE_LIMITED",
    });
    expect(push.received(device.id)).toHaveLength(5);
    const ben = await customer();
    expect(
      await sendTestPush(ben, { subscriptionId: (await subscribe(ben)).rowId, locale: ben.locale }),
    ).toEqual({ ok: true, outcome: "delivered" });
  });

  it("delivers a VAPID-signed, encrypted test notification in the customer's language", async () => {
    const kim = await customer("en");
    const device = await subscribe(kim);
    expect(await sendTestPush(kim, { subscriptionId: device.rowId, locale: kim.locale })).toEqual({
      ok: true,
      outcome: "delivered",
    });
    expect(push.rejected()).toEqual([]);
    const [message] = push.received(device.id);
    expect(JSON.parse(message?.plaintext ?? "")).toEqual({
      title: "Test notification",
      body: "Push notifications from the customer portal arrive on this device.",
      url: "/account/communication",
    });
    expect(message?.vapid).toMatchObject({ aud: push.origin, sub: SUBJECT, publicKey: PAIR.publicKey });
    const row = await db.pushSubscription.findUniqueOrThrow({ where: { id: device.rowId } });
    expect(row.lastUsedAt).toBeInstanceOf(Date);
    expect((await pushAudit(kim.userId)).map((e) => e.type)).toEqual(["push.subscribed", "push.test_sent"]);
  });

  it("deletes a subscription the push service reports gone and counts other failures", async () => {
    const erika = await customer();
    const gone = await subscribe(erika);
    push.markGone(gone.id);
    expect(await sendTestPush(erika, { subscriptionId: gone.rowId, locale: erika.locale })).toEqual({
      ok: true,
      outcome: "expired",
    });
    expect(await db.pushSubscription.findUnique({ where: { id: gone.rowId } })).toBeNull();
    const expired = await db.auditEvent.findFirstOrThrow({
      where: { type: "push.unsubscribed", targetId: gone.rowId },
    });
    expect(expired).toMatchObject({ actorRole: "SYSTEM", subjectUserId: erika.userId });

    // A push signed with a key the subscription was not bound to is refused (403): counted.
    const wrongKey = await subscribe(erika);
    push.bindServerKey(wrongKey.id, generateVapidKeys().publicKey);
    expect(await sendTestPush(erika, { subscriptionId: wrongKey.rowId, locale: erika.locale })).toEqual({
      ok: true,
      outcome: "failed",
    });
    expect(await sendTestPush(erika, { subscriptionId: wrongKey.rowId, locale: erika.locale })).toEqual({
      ok: true,
      outcome: "failed",
    });
    const failing = await db.pushSubscription.findUniqueOrThrow({ where: { id: wrongKey.rowId } });
    expect(failing.failureCount).toBe(2);
    expect(
      push
        .rejected()
        .filter((r) => r.subscriptionId === wrongKey.id)
        .map((r) => r.status),
    ).toEqual([403, 403]);
  });

  it("sends security notices to transactional devices and offers only with a current marketing_push consent", async () => {
    const erika = await customer();
    const phone = await subscribe(erika);
    const laptop = await subscribe(erika);
    await updatePushPreferences(erika, {
      subscriptionId: laptop.rowId,
      allowsTransactional: false,
      allowsMarketing: false,
    });

    expect(await sendSecurityPush(erika.userId, "newDeviceSignIn")).toEqual({
      delivered: 1,
      expired: 0,
      failed: 0,
    });
    expect(JSON.parse(push.received(phone.id)[0]?.plaintext ?? "")).toMatchObject({
      title: "Neue Anmeldung bei Ihrem Konto",
      url: "/account/security",
    });
    expect(push.received(laptop.id)).toEqual([]);

    const offers = { subscriptionId: phone.rowId, allowsTransactional: true, allowsMarketing: true };
    expect(await updatePushPreferences(erika, offers)).toEqual({
      ok: false,
      code: "MARKETING_CONSENT_REQUIRED",
    });
    const offer = { title: "Sommerangebot", body: "20 % auf alles", url: "/" };
    expect(await sendMarketingPush(erika.userId, offer)).toEqual({ delivered: 0, expired: 0, failed: 0 });

    const consent = (action: "GRANTED" | "WITHDRAWN") =>
      db.$transaction((tx) =>
        recordConsent(
          {
            userId: erika.userId,
            purposeKey: "marketing_push",
            action,
            source: "COMMUNICATION_SETTINGS",
            locale: "de",
            ip: null,
            userAgent: null,
          },
          { tx },
        ),
      );
    await consent("GRANTED");
    expect(await updatePushPreferences(erika, offers)).toEqual({ ok: true });
    expect(await sendMarketingPush(erika.userId, offer)).toEqual({ delivered: 1, expired: 0, failed: 0 });
    expect(JSON.parse(push.received(phone.id)[1]?.plaintext ?? "")).toEqual(offer);

    await consent("WITHDRAWN");
    expect(await sendMarketingPush(erika.userId, offer)).toEqual({ delivered: 0, expired: 0, failed: 0 });
    expect(push.received(phone.id)).toHaveLength(2);
  });
});

describe("endpoint policy (SSRF)", () => {
  it.each([
    ["https://fcm.googleapis.com/fcm/send/abc", true, true],
    ["https://updates.push.services.mozilla.com/wpush/v2/abc", true, true],
    ["https://web.push.apple.com/QabC", true, true],
    ["https://wns2-db5p.notify.windows.com/w/?token=abc", true, true],
    ["http://fcm.googleapis.com/fcm/send/abc", false, true],
    ["https://fcm.googleapis.com.evil.example/x", false, true],
    ["https://169.254.169.254/latest/meta-data", false, true],
    ["http://127.0.0.1:8080/push/1", false, true],
    ["https://user:pass@fcm.googleapis.com/x", false, false],
    ["ftp://127.0.0.1/push", false, false],
  ])("%s: allowed on a public URL %s, locally %s", (endpoint, onPublic, locally) => {
    expect(isAllowedPushEndpoint(endpoint, { isPublicUrl: true })).toBe(onPublic);
    expect(isAllowedPushEndpoint(endpoint, { isPublicUrl: false })).toBe(locally);
  });

  it("fingerprints an endpoint as the page does (SHA-256 hex, 32 characters)", () => {
    expect(endpointFingerprint("https://fcm.googleapis.com/fcm/send/abc")).toMatch(/^[0-9a-f]{32}$/);
    expect(endpointFingerprint("a")).not.toBe(endpointFingerprint("b"));
  });

  it("tells the customer's devices about a sign-in from a new device and a password change", async () => {
    const password = "Ein sicherer Satz für die Geräte";
    const email = `push-security.${Date.now()}.${Math.random().toString(36).slice(2)}@example.com`;
    const user = await db.user.create({
      data: {
        email,
        emailNormalized: email,
        emailVerifiedAt: new Date(),
        passwordCredential: { create: { hash: await hashPassword(password) } },
      },
    });
    const actor = { ...(await customer()), userId: user.id };
    const phone = await subscribe(actor);
    const signIn = (deviceCookieId: string) =>
      signInWithPassword({ email, password, rememberMe: false, deviceCookieId, client: actor.client });
    const titles = () =>
      push.received(phone.id).map((m) => (JSON.parse(m.plaintext) as { title: string }).title);

    expect((await signIn("known-laptop")).ok).toBe(true); // the first device: nothing to report
    const second = await signIn("new-tablet");
    expect(second.ok).toBe(true);
    await vi.waitFor(() => expect(titles()).toEqual(["Neue Anmeldung bei Ihrem Konto"]));

    if (!second.ok) return;
    const changed = await changePassword(
      customerActor(user.id, actor.client, second.session.id),
      "Ein ganz anderer Satz für später",
    );
    expect(changed.ok).toBe(true);
    const audited = await db.auditEvent.findFirstOrThrow({
      where: { subjectUserId: user.id, type: "auth.password_changed" },
    });
    expect(audited.metadata).toEqual({ sessionsRevoked: 1, replacedExisting: true });
    await vi.waitFor(() => expect(titles()).toEqual(["Neue Anmeldung bei Ihrem Konto", "Passwort geändert"]));
  });
});
