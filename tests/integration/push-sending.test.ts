/**
 * Sending Web Push through the real domain functions, on SQLite and PostgreSQL, against the local
 * push service: the test-notification limit, delivery in the customer's language, 410 clean-up and
 * failure counting, and transactional vs marketing (marketing_push consent).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordConsent } from "@/lib/server/consent/record-consent";
import { updatePushPreferences } from "@/lib/server/push/push-subscriptions";
import { sendMarketingPush, sendSecurityPush, sendTestPush } from "@/lib/server/push/send-push";
import { generateVapidKeys } from "@/lib/env/vapid-keys";
import {
  SUBJECT,
  PAIR,
  db,
  push,
  startPush,
  stopPush,
  customer,
  subscribe,
  pushAudit,
} from "../support/push";

beforeAll(startPush);
afterAll(stopPush);

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
