/**
 * The newsletter's double opt-in through the real domain functions, on SQLite and PostgreSQL:
 * pending until the mailed link's button is used, then active with proof and a consent record per
 * topic; a newer mail voids the older link, and resending is throttled. Unsubscribing is in
 * communication-unsubscribe.test.ts; the E2E test drives the same in Chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { confirmNewsletter, previewOptIn } from "@/lib/server/communication/newsletter-links";
import {
  resendNewsletterConfirmation,
  updateCommunicationPreferences,
} from "@/lib/server/communication/preferences";
import { extractLink } from "../e2e/support/mailbox";
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
  auditTypes,
} from "../support/communication";

beforeAll(openOutbox);
afterAll(closeOutbox);

describe("newsletter double opt-in", () => {
  it("is pending until the link's button is used, then active with proof and a consent record per topic", async () => {
    const user = await createCustomer();
    const saved = await updateCommunicationPreferences({
      userId: user.id,
      locale: "de",
      client: browser,
      input: prefs({ topics: ["travel_tips", "offers"], push: true, frequency: "WEEKLY" }),
    });
    expect(saved.confirmation).toBe("sent");
    expect((await subscriptions(user.id)).map((s) => [s.topicKey, s.status, s.requestIp])).toEqual([
      ["offers", "PENDING_CONFIRMATION", browser.ip],
      ["travel_tips", "PENDING_CONFIRMATION", browser.ip],
    ]);
    expect(await db.communicationPreference.findUniqueOrThrow({ where: { userId: user.id } })).toMatchObject({
      emailEnabled: true,
      pushEnabled: true,
      smsEnabled: false,
      frequency: "WEEKLY",
    });
    expect(await consentRecords(user.id)).toHaveLength(0);

    const mail = await waitForOutboxMail(user.email, "newsletter-confirm");
    expect(mail.subject).toBe("Bitte bestätigen Sie Ihre Newsletter-Anmeldung");
    expect(mail.text).toContain("marketing_email v1 (de)");
    expect(mail.headerLines.some((h) => h.key === "list-unsubscribe")).toBe(false);
    const token = tokenOf(mail, "/newsletter/confirm");

    // Looking at the link (what a mail scanner does) changes nothing.
    expect(await previewOptIn(token)).toEqual({
      topics: ["offers", "travel_tips"],
      emailMasked: expect.stringMatching(/^n\*\*\*@example\.com$/),
    });
    expect((await subscriptions(user.id)).every((s) => s.status === "PENDING_CONFIRMATION")).toBe(true);

    expect(await confirmNewsletter({ token, client: mailbox })).toEqual({
      ok: true,
      topics: ["offers", "travel_tips"],
    });
    const active = await subscriptions(user.id);
    const records = await consentRecords(user.id);
    expect(records.map((r) => [r.action, r.source, r.ip, r.userAgent, r.locale])).toEqual([
      ["GRANTED", "DOUBLE_OPT_IN", mailbox.ip, mailbox.userAgent, "de"],
      ["GRANTED", "DOUBLE_OPT_IN", mailbox.ip, mailbox.userAgent, "de"],
    ]);
    for (const s of active) {
      expect(s).toMatchObject({
        status: "ACTIVE",
        confirmIp: mailbox.ip,
        confirmUserAgent: mailbox.userAgent,
        confirmedEmail: user.email,
        textVersion: "marketing_email v1 (de)",
      });
      expect(s.confirmedAt).toBeInstanceOf(Date);
    }
    expect(new Set(active.map((s) => s.consentRecordId))).toEqual(new Set(records.map((r) => r.id)));
    expect(
      (
        await db.consentState.findFirstOrThrow({
          where: { userId: user.id, purpose: { key: "marketing_email" } },
        })
      ).lastAction,
    ).toBe("GRANTED");

    // Single use.
    expect(await confirmNewsletter({ token, client: mailbox })).toEqual({ ok: false, code: "INVALID_LINK" });
    expect(await previewOptIn(token)).toBeNull();

    // The welcome mail is a marketing mail: footer link and RFC 8058 headers.
    const welcome = await waitForOutboxMail(user.email, "newsletter-welcome");
    const unsubscribe = extractLink({ text: welcome.text ?? "" }, "/newsletter/unsubscribe");
    // Raw lines: mailparser folds List-* headers into a structured `list` value.
    const header = (name: string) =>
      welcome.headerLines.find((h) => h.key === name)?.line.replace(/\r?\n\s+/g, " ");
    expect(header("list-unsubscribe")).toBe(`List-Unsubscribe: <${unsubscribe}>`);
    expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");

    const types = await auditTypes(user.id);
    expect(types).toEqual(
      expect.arrayContaining([
        "communication.preferences_updated",
        "newsletter.confirmation_sent",
        "consent.granted",
        "newsletter.subscribed",
      ]),
    );
  });

  it("a newer confirmation mail voids the older link; resending is throttled", async () => {
    const user = await createCustomer("en");
    await updateCommunicationPreferences({
      userId: user.id,
      locale: "en",
      client: browser,
      input: prefs({ topics: ["offers"] }),
    });
    const first = tokenOf(await waitForOutboxMail(user.email, "newsletter-confirm"), "/newsletter/confirm");
    expect(await resendNewsletterConfirmation({ userId: user.id, locale: "en", client: browser })).toEqual({
      ok: true,
    });
    const second = await waitForOutboxMail(user.email, "newsletter-confirm", 1);
    expect(second.subject).toBe("Please confirm your newsletter subscription");
    expect(await previewOptIn(first)).toBeNull();

    // 3 mails per 15 minutes: the subscription and the resend above, one more, then refused.
    expect(await resendNewsletterConfirmation({ userId: user.id, locale: "en", client: browser })).toEqual({
      ok: true,
    });
    expect(
      await resendNewsletterConfirmation({ userId: user.id, locale: "en", client: browser }),
    ).toMatchObject({
      ok: false,
      code: "RATE_LIMITED",
    });
    const latest = tokenOf(
      await waitForOutboxMail(user.email, "newsletter-confirm", 2),
      "/newsletter/confirm",
    );
    expect((await confirmNewsletter({ token: latest, client: mailbox })).ok).toBe(true);
  });
});
