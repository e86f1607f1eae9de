import { expectMatchingCatalogs } from "../support/catalog-keys";
import { describe, expect, it } from "vitest";
import de from "@/messages/mail/de.json";
import en from "@/messages/mail/en.json";
import { escapeHtml } from "@/lib/server/mail/mail-layout";
import { maskEmail, redactEmails } from "@/lib/server/mail/mask-email";
import { formatMailTime, renderMail, type MailTemplate } from "@/lib/server/mail/templates";

const APP = "https://konto.example.de";
const ctx = { appUrl: APP };
const time = new Date("2026-03-12T13:30:00Z");
// A query with "&" shows that URLs are escaped in the HTML part and left intact in the text part.
const token = (path: string) => `${APP}${path}?token=abc123&lang=de`;

/** Every template with the URLs it must carry. */
const CASES: { template: MailTemplate; urls: string[] }[] = [
  {
    template: { name: "verify-email", data: { url: token("/verify-email") } },
    urls: [token("/verify-email")],
  },
  {
    template: {
      name: "registration-attempt",
      data: { loginUrl: `${APP}/login`, resetUrl: `${APP}/forgot-password`, isUnconfirmed: true },
    },
    urls: [`${APP}/login`, `${APP}/forgot-password`],
  },
  {
    template: { name: "password-reset", data: { url: token("/reset-password"), expiresMinutes: 30 } },
    urls: [token("/reset-password")],
  },
  {
    template: { name: "password-reset-unknown", data: { registerUrl: `${APP}/register` } },
    urls: [`${APP}/register`],
  },
  {
    template: { name: "password-changed", data: { time, resetUrl: `${APP}/forgot-password` } },
    urls: [`${APP}/forgot-password`],
  },
  {
    template: {
      name: "email-change-verify",
      data: { url: token("/verify-email"), newEmail: "neu@example.de" },
    },
    urls: [token("/verify-email")],
  },
  {
    template: { name: "email-change-notice", data: { newEmailMasked: "n***@example.de", time } },
    urls: [`${APP}/account/security`],
  },
  {
    template: {
      name: "new-device-sign-in",
      data: {
        time,
        browser: "Firefox 140",
        os: "Windows 11",
        location: "Berlin, DE",
        ip: "203.0.113.7",
        reviewUrl: `${APP}/account/security`,
      },
    },
    urls: [`${APP}/account/security`, `${APP}/forgot-password`],
  },
  {
    template: {
      name: "social-account-linked",
      data: { provider: "Google", time, reviewUrl: `${APP}/account/security` },
    },
    urls: [`${APP}/account/security`, `${APP}/forgot-password`],
  },
  {
    template: {
      name: "social-account-unlinked",
      data: { provider: "Google", time, reviewUrl: `${APP}/account/security` },
    },
    urls: [`${APP}/account/security`, `${APP}/forgot-password`],
  },
  { template: { name: "sign-in-code", data: { code: "123456", expiresMinutes: 10 } }, urls: [] },
  {
    template: { name: "factor-added", data: { factor: "totp", time, reviewUrl: `${APP}/account/security` } },
    urls: [`${APP}/account/security`, `${APP}/forgot-password`],
  },
  {
    template: {
      name: "factor-removed",
      data: { factor: "passkey", time, reviewUrl: `${APP}/account/security` },
    },
    urls: [`${APP}/account/security`, `${APP}/forgot-password`],
  },
  {
    template: {
      name: "newsletter-confirm",
      data: {
        url: token("/newsletter/confirm"),
        topics: ["offers"],
        consentText: "Ja, ich möchte Angebote per E-Mail erhalten.",
        textVersion: "marketing_email v1 (de)",
        expiresHours: 48,
      },
    },
    urls: [token("/newsletter/confirm")],
  },
  {
    template: {
      name: "newsletter-welcome",
      data: { topics: ["offers"], unsubscribeUrl: token("/newsletter/unsubscribe") },
    },
    urls: [token("/newsletter/unsubscribe")],
  },
  {
    template: {
      name: "bank-account-changed",
      data: {
        change: "changed",
        accountMasked: "DE89 •••• •••• •••• •••• 00",
        time,
        reviewUrl: `${APP}/account/payment`,
      },
    },
    urls: [`${APP}/account/payment`],
  },
  {
    template: {
      name: "account-deletion-requested",
      data: { scheduledFor: time, cancelUrl: `${APP}/login?callbackUrl=%2Faccount%2Fprivacy` },
    },
    urls: [`${APP}/login?callbackUrl=%2Faccount%2Fprivacy`],
  },
  { template: { name: "account-deleted", data: { time } }, urls: [] },
  {
    template: {
      name: "sign-in-blocked",
      data: {
        time,
        browser: "Chrome 150",
        os: "Android 16",
        location: "New York, US",
        ip: "198.51.100.9",
        reviewUrl: `${APP}/account/security`,
        reasons: ["NEW_DEVICE", "NEW_COUNTRY"],
        itWasMeUrl: token("/login/it-was-me"),
        notMeUrl: token("/login/not-me"),
        expiresMinutes: 60,
        continueMinutes: 30,
      },
    },
    urls: [token("/login/it-was-me"), token("/login/not-me")],
  },
  {
    template: { name: "sign-in-unlock", data: { url: token("/login/unlock"), expiresMinutes: 30 } },
    urls: [token("/login/unlock")],
  },
  {
    template: {
      name: "staff-invitation",
      data: { url: token("/staff-invitation"), role: "SUPPORT", expiresHours: 72 },
    },
    urls: [token("/staff-invitation")],
  },
];

/** Compile-time list of every template name: a new template fails typecheck until it is listed. */
const ALL_TEMPLATES: Record<MailTemplate["name"], true> = {
  "verify-email": true,
  "registration-attempt": true,
  "password-reset": true,
  "staff-invitation": true,
  "password-reset-unknown": true,
  "password-changed": true,
  "email-change-verify": true,
  "email-change-notice": true,
  "new-device-sign-in": true,
  "sign-in-blocked": true,
  "sign-in-unlock": true,
  "social-account-linked": true,
  "social-account-unlinked": true,
  "sign-in-code": true,
  "factor-added": true,
  "factor-removed": true,
  "newsletter-confirm": true,
  "newsletter-welcome": true,
  "bank-account-changed": true,
  "account-deletion-requested": true,
  "account-deleted": true,
};

describe("mail catalogs", () => {
  it("have the same keys in German and English, none empty", () => {
    expectMatchingCatalogs(de, en);
  });
});

describe("renderMail", () => {
  it("covers every template name", () => {
    const covered = new Set(CASES.map((c) => c.template.name));
    expect([...covered].sort()).toEqual(Object.keys(ALL_TEMPLATES).sort());
  });

  describe.each(["de", "en"] as const)("%s", (locale) => {
    it.each(CASES.map((c) => [c.template.name, c] as const))("%s: subject, text, html, links", (_name, c) => {
      const mail = renderMail(locale, c.template, ctx);
      expect(mail.subject.trim()).not.toBe("");
      expect(mail.subject).not.toMatch(/[\r\n]/);
      expect(mail.text.trim()).not.toBe("");
      expect(mail.html).toContain(`<html lang="${locale}"`);
      expect(mail.html).toMatch(/<h1[^>]*>[^<]+<\/h1>/);
      for (const url of c.urls) {
        expect(mail.text).toContain(`\n${url}\n`); // raw, on a line of its own
        expect(mail.html).toContain(`href="${escapeHtml(url)}"`); // the button
        expect(mail.html).toContain(`>${escapeHtml(url)}</a>`); // the raw URL as text
      }
      // No unresolved ICU placeholders or key names.
      for (const part of [mail.subject, mail.text, mail.html]) {
        expect(part).not.toMatch(/[{}]/);
        expect(part).not.toMatch(/\b(verifyEmail|passwordReset|layout|security|facts)\./);
      }
    });
  });

  it("says in words why a sign-in was stopped (docs/decisions/0021)", () => {
    const blocked = CASES.find((c) => c.template.name === "sign-in-blocked")!.template;
    expect(renderMail("de", blocked, ctx).text).toContain(
      "Wir haben sie gestoppt, weil sich jemand von einem neuen Gerät und aus einem neuen Land angemeldet hat.",
    );
    expect(renderMail("en", blocked, ctx).text).toContain(
      "We stopped it because someone signed in from a new device and from a new country.",
    );
  });

  it("tells the owner of an unconfirmed account that a new password reclaims it (decision 0018)", () => {
    const attempt = (isUnconfirmed: boolean) =>
      renderMail(
        "de",
        {
          name: "registration-attempt",
          data: { loginUrl: `${APP}/login`, resetUrl: `${APP}/forgot-password`, isUnconfirmed },
        },
        ctx,
      ).text;
    expect(attempt(true)).toContain(de.registrationAttempt.unconfirmed);
    expect(attempt(false)).not.toContain(de.registrationAttempt.unconfirmed);
  });

  it("renders German and English differently", () => {
    const [first] = CASES;
    expect(renderMail("de", first!.template, ctx).subject).not.toBe(
      renderMail("en", first!.template, ctx).subject,
    );
  });

  it("escapes every interpolated value in the HTML part and keeps it verbatim in the text part", () => {
    const evil = `<script>alert("x")</script>@example.com`;
    const mail = renderMail(
      "de",
      { name: "email-change-verify", data: { url: token("/verify-email"), newEmail: evil } },
      ctx,
    );
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;@example.com");
    expect(mail.text).toContain(evil);

    const device = renderMail(
      "en",
      {
        name: "new-device-sign-in",
        data: {
          time,
          browser: "<b>Evil</b>",
          os: "O'S & co",
          location: "<img src=x>",
          ip: null,
          reviewUrl: `${APP}/account/security`,
        },
      },
      ctx,
    );
    expect(device.html).not.toMatch(/<b>|<img/);
    expect(device.html).toContain("&lt;b&gt;Evil&lt;/b&gt; on O&#39;S &amp; co");
  });

  it("writes the sign-in facts, with unknown for missing values", () => {
    const data = {
      time,
      browser: "Chrome 150",
      os: "macOS",
      location: null,
      ip: null,
      reviewUrl: `${APP}/account/security`,
    };
    const mailDe = renderMail("de", { name: "new-device-sign-in", data }, ctx);
    expect(mailDe.text).toContain("Gerät: Chrome 150 auf macOS");
    expect(mailDe.text).toContain("Ungefährer Ort: unbekannt");
    expect(mailDe.text).toContain("Zeitpunkt: Donnerstag, 12. März 2026 um 14:30 MEZ");
    const mailEn = renderMail("en", { name: "new-device-sign-in", data }, ctx);
    expect(mailEn.text).toContain("IP address: unknown");
    expect(mailEn.html).toContain('<th scope="row"');
  });

  it("uses the plural for the reset link's lifetime", () => {
    const one = renderMail(
      "de",
      { name: "password-reset", data: { url: token("/reset-password"), expiresMinutes: 1 } },
      ctx,
    );
    const many = renderMail(
      "en",
      { name: "password-reset", data: { url: token("/reset-password"), expiresMinutes: 30 } },
      ctx,
    );
    expect(one.text).toContain("1 Minute gültig");
    expect(many.text).toContain("valid for 30 minutes");
  });

  it.each(["javascript:alert(1)", "data:text/html,x", "/relative/path"])("refuses the link %s", (url) => {
    expect(() => renderMail("de", { name: "verify-email", data: { url } }, ctx)).toThrow(/mail link/);
  });

  it("keeps a provider name with a line break out of the subject's header line", () => {
    const mail = renderMail(
      "en",
      {
        name: "social-account-linked",
        data: { provider: "Evil\r\nBcc: x@y.z", time, reviewUrl: `${APP}/account/security` },
      },
      ctx,
    );
    expect(mail.subject).toBe("Evil Bcc: x@y.z was linked to your account");
  });
});

describe("formatMailTime", () => {
  it.each([
    ["de", "2026-03-12T13:30:00Z", "Donnerstag, 12. März 2026 um 14:30 MEZ"],
    ["de", "2026-07-12T13:30:00Z", "Sonntag, 12. Juli 2026 um 15:30 MESZ"],
    ["en", "2026-03-12T13:30:00Z", "Thursday, 12 March 2026 at 14:30 CET"],
    ["en", "2026-07-12T13:30:00Z", "Sunday, 12 July 2026 at 15:30 CEST"],
  ] as const)("%s %s → %s", (locale, iso, expected) =>
    expect(formatMailTime(new Date(iso), locale)).toBe(expected),
  );
});

describe("maskEmail", () => {
  it.each([
    ["erika@example.com", "e***@example.com"],
    ["a@b.de", "a***@b.de"],
    ["no-at-sign", "***"],
    ["@example.com", "***"],
  ])("%s → %s", (input, expected) => expect(maskEmail(input)).toBe(expected));

  it("redacts addresses inside a server reply", () => {
    expect(redactEmails("550 5.1.1 <erika@example.com>: unknown user")).toBe(
      "550 5.1.1 <e***@example.com>: unknown user",
    );
  });
});
