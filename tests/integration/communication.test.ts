/**
 * Communication preferences, newsletter double opt-in and unsubscribe links through the real domain
 * functions, on SQLite and PostgreSQL. Mails go to a throwaway outbox and are read back from there,
 * so the links tested are the ones a person would receive. The E2E test drives the same in Chromium.
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma-client";
import type { CommunicationPreferences } from "@/lib/schemas/communication";
import {
  confirmNewsletter,
  previewOptIn,
  previewUnsubscribe,
  unsubscribeWithLink,
} from "@/lib/server/communication/newsletter-links";
import {
  getCommunicationSettings,
  resendNewsletterConfirmation,
  updateCommunicationPreferences,
} from "@/lib/server/communication/preferences";
import { signUnsubscribeToken } from "@/lib/server/communication/unsubscribe-token";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { extractLink } from "../e2e/support/mailbox";

const db = createPrismaClient();
const browser: ClientInfo = {
  ip: "192.0.2.10",
  userAgent: "vitest browser",
  browser: null,
  os: null,
  location: null,
};
const mailbox: ClientInfo = {
  ip: "198.51.100.20",
  userAgent: "vitest mailbox",
  browser: null,
  os: null,
  location: null,
};
const unique = (prefix: string) =>
  `${prefix}.${Date.now()}.${Math.random().toString(36).slice(2)}@example.com`;
const prefs = (p: Partial<CommunicationPreferences> = {}): CommunicationPreferences => ({
  topics: [],
  email: true,
  push: false,
  sms: false,
  frequency: "AS_PUBLISHED",
  ...p,
});

let outbox: string;
const savedOutbox = process.env.MAIL_OUTBOX_DIR;
beforeAll(() => {
  outbox = mkdtempSync(path.join(tmpdir(), "portal-newsletter-outbox-"));
  process.env.MAIL_OUTBOX_DIR = outbox;
  vi.spyOn(console, "info").mockImplementation(() => {});
});
afterAll(() => {
  if (savedOutbox === undefined) delete process.env.MAIL_OUTBOX_DIR;
  else process.env.MAIL_OUTBOX_DIR = savedOutbox;
  vi.restoreAllMocks();
});

/** The newest mail of a template to `to` in the outbox (mails are sent in the background). */
async function waitForOutboxMail(to: string, template: string, seen = 0): Promise<ParsedMail> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const files = readdirSync(outbox)
      .filter((f) => f.includes(`-${template}-`))
      .sort();
    const mails: ParsedMail[] = [];
    for (const file of files) {
      const parsed = await simpleParser(readFileSync(path.join(outbox, file)));
      const recipients = [parsed.to].flat().flatMap((a) => a?.value.map((v) => v.address) ?? []);
      if (recipients.includes(to)) mails.push(parsed);
    }
    if (mails.length > seen) return mails.at(-1)!;
    if (Date.now() > deadline) throw new Error(`no ${template} mail #${seen + 1} to ${to} in the outbox`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const tokenOf = (mail: ParsedMail, pathPrefix: string) =>
  new URL(extractLink({ text: mail.text ?? "" }, pathPrefix)).searchParams.get("token")!;

async function createCustomer(locale = "de") {
  const email = unique("news");
  return db.user.create({ data: { email, emailNormalized: email, emailVerifiedAt: new Date(), locale } });
}

const subscriptions = (userId: string) =>
  db.topicSubscription.findMany({ where: { userId }, orderBy: { topicKey: "asc" } });
const consentRecords = (userId: string) =>
  db.consentRecord.findMany({
    where: { userId, purpose: { key: "marketing_email" } },
    orderBy: { createdAt: "asc" },
  });
const auditTypes = async (userId: string) =>
  (await db.auditEvent.findMany({ where: { subjectUserId: userId }, orderBy: { sequence: "asc" } })).map(
    (e) => e.type,
  );

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
