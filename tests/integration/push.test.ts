/**
 * Web Push through the real domain functions, on SQLite and PostgreSQL: another customer's
 * subscription can never be read, changed, used or removed by its id or endpoint; which endpoints
 * are allowed (SSRF); the notices of a new sign-in and a password change. Sending is in
 * push-sending.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { hashPassword } from "@/lib/server/passwords/password-hash";
import { changePassword } from "@/lib/server/identity/change-password";
import { signInWithPassword } from "@/lib/server/identity/sign-in";
import {
  listPushDevices,
  removePushSubscription,
  savePushSubscription,
  updatePushPreferences,
} from "@/lib/server/push/push-subscriptions";
import { endpointFingerprint, isAllowedPushEndpoint } from "@/lib/server/push/endpoint-policy";
import { sendTestPush } from "@/lib/server/push/send-push";
import { customerActor } from "@/lib/server/actor";
import { db, push, startPush, stopPush, customer, subscribe, pushAudit } from "../support/push";

beforeAll(startPush);
afterAll(stopPush);

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
