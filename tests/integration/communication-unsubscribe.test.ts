/**
 * Unsubscribing through the real domain functions, on SQLite and PostgreSQL: one click from the
 * mail without a session, or in the portal topic by topic, and never another customer's
 * subscription. Mails go to a throwaway outbox and are read back from there.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommunicationPreferences } from "@/lib/schemas/communication";
import {
  confirmNewsletter,
  previewUnsubscribe,
  unsubscribeWithLink,
} from "@/lib/server/communication/newsletter-links";
import {
  getCommunicationSettings,
  updateCommunicationPreferences,
} from "@/lib/server/communication/preferences";
import { signUnsubscribeToken } from "@/lib/server/communication/unsubscribe-token";
import {
  db,
  browser,
  mailbox,
  prefs,
  openOutbox,
  closeOutbox,
  waitForOutboxMail,
  tokenOf,
  createCustomer,
  subscriptions,
  consentRecords,
} from "../support/communication";

beforeAll(openOutbox);
afterAll(closeOutbox);

describe("unsubscribing", () => {
  async function subscribed(topics: CommunicationPreferences["topics"]) {
    const user = await createCustomer();
    await updateCommunicationPreferences({
      userId: user.id,
      locale: "de",
      client: browser,
      input: prefs({ topics }),
    });
    const token = tokenOf(await waitForOutboxMail(user.email, "newsletter-confirm"), "/newsletter/confirm");
    expect((await confirmNewsletter({ token, client: mailbox })).ok).toBe(true);
    return user;
  }

  it("one click from the mail ends every topic without a session and withdraws the consent; repeating is harmless", async () => {
    const user = await subscribed(["offers", "new_products"]);
    const token = signUnsubscribeToken(user.id);
    expect(await previewUnsubscribe(token)).toMatchObject({ isSubscribed: true });

    expect(await unsubscribeWithLink({ token, client: mailbox, oneClick: true })).toEqual({
      ok: true,
      topics: ["new_products", "offers"],
    });
    expect((await subscriptions(user.id)).map((s) => [s.status, s.unsubscribeSource])).toEqual([
      ["UNSUBSCRIBED", "EMAIL_LINK"],
      ["UNSUBSCRIBED", "EMAIL_LINK"],
    ]);
    const records = await consentRecords(user.id);
    expect(records.at(-1)).toMatchObject({ action: "WITHDRAWN", source: "UNSUBSCRIBE_LINK", ip: mailbox.ip });
    const event = await db.auditEvent.findFirstOrThrow({
      where: { subjectUserId: user.id, type: "newsletter.unsubscribed" },
    });
    expect(event).toMatchObject({ actorRole: "ANONYMOUS", actorId: null });
    expect(event.metadata).toMatchObject({ source: "EMAIL_LINK", oneClick: true, consentWithdrawn: true });

    expect(await unsubscribeWithLink({ token, client: mailbox, oneClick: false })).toEqual({
      ok: true,
      topics: [],
    });
    expect(await consentRecords(user.id)).toHaveLength(records.length);
    expect(await previewUnsubscribe(token)).toMatchObject({ isSubscribed: false });
  });

  it("in the portal: clearing one of two topics keeps the consent, clearing the last withdraws it", async () => {
    const user = await subscribed(["offers", "travel_tips"]);
    await updateCommunicationPreferences({
      userId: user.id,
      locale: "de",
      client: browser,
      input: prefs({ topics: ["offers"] }),
    });
    expect((await subscriptions(user.id)).map((s) => [s.topicKey, s.status, s.unsubscribeSource])).toEqual([
      ["offers", "ACTIVE", null],
      ["travel_tips", "UNSUBSCRIBED", "PORTAL"],
    ]);
    expect((await consentRecords(user.id)).at(-1)?.action).toBe("GRANTED");

    const result = await updateCommunicationPreferences({
      userId: user.id,
      locale: "de",
      client: browser,
      input: prefs({ topics: [], email: false }),
    });
    expect(result.confirmation).toBe("not_needed");
    expect((await consentRecords(user.id)).at(-1)).toMatchObject({
      action: "WITHDRAWN",
      source: "COMMUNICATION_SETTINGS",
    });
    const settings = await getCommunicationSettings(user.id);
    expect(settings.email).toBe(false);
    expect(settings.topics.every((t) => t.status === "UNSUBSCRIBED" || t.status === null)).toBe(true);
  });
});

describe("one customer cannot reach another's subscription", () => {
  it("by changing the user id in an unsubscribe link, or through their own settings and links", async () => {
    const erika = await createCustomer();
    const max = await createCustomer();
    for (const user of [erika, max]) {
      await updateCommunicationPreferences({
        userId: user.id,
        locale: "de",
        client: browser,
        input: prefs({ topics: ["offers", "travel_tips"] }),
      });
    }
    const erikaToken = tokenOf(
      await waitForOutboxMail(erika.email, "newsletter-confirm"),
      "/newsletter/confirm",
    );
    const maxBefore = await subscriptions(max.id);

    // Erika's confirmation link confirms only Erika's topics, although Max's are pending too.
    expect((await confirmNewsletter({ token: erikaToken, client: mailbox })).ok).toBe(true);
    expect(await subscriptions(max.id)).toEqual(maxBefore);

    // Erika's unsubscribe link with Max's id in it: refused, nothing changes.
    const [version, , mac] = signUnsubscribeToken(erika.id).split(".");
    const forged = `${version}.${max.id}.${mac}`;
    expect(await previewUnsubscribe(forged)).toBeNull();
    expect(await unsubscribeWithLink({ token: forged, client: mailbox, oneClick: true })).toEqual({
      ok: false,
      code: "INVALID_LINK",
    });
    expect(await subscriptions(max.id)).toEqual(maxBefore);

    // Erika clearing her topics and changing channels touches only her rows.
    await updateCommunicationPreferences({
      userId: erika.id,
      locale: "de",
      client: browser,
      input: prefs({ topics: [], sms: true, frequency: "MONTHLY" }),
    });
    expect(await subscriptions(max.id)).toEqual(maxBefore);
    expect(await db.communicationPreference.findUniqueOrThrow({ where: { userId: max.id } })).toMatchObject({
      smsEnabled: false,
      frequency: "AS_PUBLISHED",
    });
    expect((await getCommunicationSettings(erika.id)).topics.map((t) => t.status)).toEqual([
      "UNSUBSCRIBED",
      null,
      "UNSUBSCRIBED",
    ]);
    expect((await getCommunicationSettings(max.id)).topics.map((t) => t.status)).toEqual([
      "PENDING_CONFIRMATION",
      null,
      "PENDING_CONFIRMATION",
    ]);
    expect(await consentRecords(max.id)).toHaveLength(0);
  });
});
