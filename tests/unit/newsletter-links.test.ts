import { describe, expect, it } from "vitest";
import { NEWSLETTER_TOPICS } from "@/lib/config/newsletter-topics";
import { CommunicationPreferencesSchema } from "@/lib/schemas/communication";
import {
  signUnsubscribeTokenWith,
  verifyUnsubscribeTokenWith,
} from "@/lib/server/communication/unsubscribe-token";
import { escapeHtml } from "@/lib/server/mail/mail-layout";
import { listUnsubscribeHeaders, renderMail, type MailTemplate } from "@/lib/server/mail/templates";
import deMail from "@/messages/mail/de.json";
import de from "@/messages/de.json";

const SECRET = "unit-test-secret-0123456789abcdefghijklmnop";
const USER = "cmabc123def456ghi789jkl0";

describe("unsubscribe token", () => {
  const token = signUnsubscribeTokenWith(SECRET, USER);

  it("verifies to the user it was signed for", () => {
    expect(token).toMatch(/^u1\.[a-z0-9]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyUnsubscribeTokenWith(SECRET, token)).toBe(USER);
  });

  const [version, userId, mac] = token.split(".") as [string, string, string];
  const flipped = `${mac.slice(0, -1)}${mac.endsWith("A") ? "B" : "A"}`;
  // [case, token]: every one must be refused.
  const refused: [string, string][] = [
    ["another user's id with this MAC", `${version}.cmzzz999yyy888xxx777www0.${mac}`],
    ["a changed MAC", `${version}.${userId}.${flipped}`],
    ["a shortened MAC", `${version}.${userId}.${mac.slice(0, 20)}`],
    ["another version", `u2.${userId}.${mac}`],
    ["an extra part", `${token}.x`],
    ["no MAC", `${version}.${userId}`],
    ["an empty string", ""],
    ["a user id that is not an id", `${version}.${userId}%2e.${mac}`],
    ["an over-long value", `${token}${"a".repeat(300)}`],
  ];
  it.each(refused)("refuses %s", (_case, candidate) => {
    expect(verifyUnsubscribeTokenWith(SECRET, candidate)).toBeNull();
  });

  it("is bound to the secret", () => {
    expect(verifyUnsubscribeTokenWith(`${SECRET}-rotated`, token)).toBeNull();
  });

  it("signs only id-shaped values", () => {
    expect(() => signUnsubscribeTokenWith(SECRET, "a.b")).toThrow();
  });
});

describe("CommunicationPreferencesSchema", () => {
  const base = { topics: [], email: true, push: false, sms: false, frequency: "WEEKLY" };
  // [case, input, first error path or null when valid]
  const cases: [string, unknown, string | null][] = [
    ["no topics", base, null],
    ["all configured topics", { ...base, topics: [...NEWSLETTER_TOPICS] }, null],
    ["topics without the email channel", { ...base, email: false, topics: ["offers"] }, "topics"],
    ["no topics and no channels", { ...base, email: false }, null],
    ["an unknown topic", { ...base, topics: ["casino"] }, "topics.0"],
    ["an unknown frequency", { ...base, frequency: "DAILY" }, "frequency"],
    ["a channel that is not a boolean", { ...base, sms: "yes" }, "sms"],
  ];
  it.each(cases)("%s", (_case, input, errorPath) => {
    const result = CommunicationPreferencesSchema.safeParse(input);
    expect(result.success).toBe(errorPath === null);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      expect(issue.path.join(".")).toBe(errorPath);
      // A key of validation.communication that exists in the catalog.
      const name = issue.message.replace(/^validation\.communication\./, "");
      expect(Object.keys(de.validation.communication)).toContain(name);
    }
  });
});

describe("newsletter mails", () => {
  const APP = "https://konto.example.de";
  const confirm: MailTemplate = {
    name: "newsletter-confirm",
    data: {
      url: `${APP}/newsletter/confirm?token=abc&x=1`,
      topics: ["offers", "travel_tips"],
      consentText: "Ich möchte <Angebote> per E-Mail erhalten.",
      textVersion: "marketing_email v1 (de)",
      expiresHours: 48,
    },
  };
  const welcome: MailTemplate = {
    name: "newsletter-welcome",
    data: { topics: ["new_products"], unsubscribeUrl: `${APP}/newsletter/unsubscribe?token=u1.x.y` },
  };

  it.each(["de", "en"] as const)(
    "%s: the confirmation shows link, topics, consent text and its version",
    (locale) => {
      const mail = renderMail(locale, confirm, { appUrl: APP });
      expect(mail.text).toContain(`\n${confirm.data.url}\n`);
      expect(mail.html).toContain(`href="${escapeHtml(confirm.data.url)}"`);
      expect(mail.text).toContain("Ich möchte <Angebote> per E-Mail erhalten.");
      expect(mail.html).toContain("Ich möchte &lt;Angebote&gt; per E-Mail erhalten.");
      expect(mail.text).toContain("marketing_email v1 (de)");
      expect(mail.text).toContain("48");
      for (const part of [mail.subject, mail.text, mail.html])
        expect(part).not.toMatch(/[{}]|newsletter\.[a-z]/);
      expect(listUnsubscribeHeaders(confirm)).toEqual({}); // not a marketing mail
    },
  );

  it("names the topics in the reader's language", () => {
    expect(renderMail("de", confirm, { appUrl: APP }).text).toContain(
      `${deMail.newsletter.topics.offers}, ${deMail.newsletter.topics.travel_tips}`,
    );
    expect(renderMail("en", confirm, { appUrl: APP }).text).toContain("Offers and promotions, Travel tips");
  });

  it.each(["de", "en"] as const)(
    "%s: a marketing mail carries the unsubscribe link and headers",
    (locale) => {
      const mail = renderMail(locale, welcome, { appUrl: APP });
      expect(mail.text).toContain(`\n${welcome.data.unsubscribeUrl}\n`);
      expect(mail.text).toContain(`\n${APP}/account/communication\n`);
      expect(listUnsubscribeHeaders(welcome)).toEqual({
        "List-Unsubscribe": `<${welcome.data.unsubscribeUrl}>`,
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      });
    },
  );

  it("refuses a non-http unsubscribe link in the header", () => {
    expect(() =>
      listUnsubscribeHeaders({
        name: "newsletter-welcome",
        data: { topics: [], unsubscribeUrl: "javascript:x" },
      }),
    ).toThrow();
  });
});
