/** Every mail template renders in German and English, with its links, and none is left out. */
import { expectMatchingCatalogs } from "../support/catalog-keys";
import { CASES, ctx } from "../support/mail-template-cases";
import { describe, expect, it } from "vitest";
import de from "@/messages/mail/de.json";
import en from "@/messages/mail/en.json";
import { escapeHtml } from "@/lib/server/mail/mail-layout";
import { renderMail, type MailTemplate } from "@/lib/server/mail/templates";

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
  "approval-requested": true,
  "order-notice": true,
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

  it("renders German and English differently", () => {
    const [first] = CASES;
    expect(renderMail("de", first!.template, ctx).subject).not.toBe(
      renderMail("en", first!.template, ctx).subject,
    );
  });
});
