/** What the mails say: the details of single templates, escaping, and the date format. */
import { APP, ctx, time, token } from "../support/mail-template-cases";
import { describe, expect, it } from "vitest";
import de from "@/messages/mail/de.json";
import { formatMailTime, renderMail } from "@/lib/server/mail/templates";

describe("renderMail", () => {
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
