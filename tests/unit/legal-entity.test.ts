/** One legal entity (docs/decisions/0065): the imprint's operator is the mandates' creditor and the mails' sender. */
import { describe, expect, it } from "vitest";
import { EnvError, legalEntityLine, parseEnv } from "@/lib/env";
import { renderMail } from "@/lib/server/mail/templates";
import { APP, ctx, token } from "../support/mail-template-cases";

const SECRETS = {
  AUTH_SECRET: "q8Yt3vN1xK0pLm2Rz7Wc5Hs9Ud4Fe6Gj",
  DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
};
const SHOP = {
  LEGAL_NAME: "Wiesenhof Versand GmbH",
  LEGAL_STREET: "Am Markt 3",
  LEGAL_POSTAL_CITY: "04109 Leipzig",
  LEGAL_REPRESENTATIVE: "Jana Beispiel",
  LEGAL_EMAIL: "service@wiesenhof.example",
  LEGAL_REGISTER: "Amtsgericht Leipzig, HRB 12345",
};

function issuesOf(source: Record<string, string>) {
  try {
    parseEnv(source);
    return [];
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    return error.issues;
  }
}

describe("the legal entity", () => {
  it("is the demo operator until LEGAL_NAME is set, and names the mandates and the mails", () => {
    const env = parseEnv(SECRETS);
    expect(env.legalEntity).toMatchObject({ name: "Beispiel Handels GmbH", isDemo: true });
    expect(env.sepaCreditor.name).toBe("Beispiel Handels GmbH");
    expect(env.mailFrom).toBe('"Beispiel Handels GmbH" <no-reply@localhost>');
  });

  it("comes from the LEGAL_* variables and is then the creditor and sender too, unless those are set", () => {
    const env = parseEnv({ ...SECRETS, ...SHOP, LEGAL_COUNTRY: "AT" });
    expect(env.legalEntity).toEqual({
      name: "Wiesenhof Versand GmbH",
      street: "Am Markt 3",
      postalCodeAndCity: "04109 Leipzig",
      country: "AT",
      representative: "Jana Beispiel",
      phone: "",
      email: "service@wiesenhof.example",
      register: "Amtsgericht Leipzig, HRB 12345",
      vatId: "",
      isDemo: false,
    });
    expect(env.sepaCreditor.name).toBe("Wiesenhof Versand GmbH");
    expect(env.mailFrom).toBe('"Wiesenhof Versand GmbH" <no-reply@localhost>');
    const own = parseEnv({
      ...SECRETS,
      ...SHOP,
      SEPA_CREDITOR_NAME: "Wiesenhof Zahlungen",
      MAIL_FROM: "Wiesenhof <konto@wiesenhof.example>",
    });
    expect(own.sepaCreditor.name).toBe("Wiesenhof Zahlungen");
    expect(own.mailFrom).toBe("Wiesenhof <konto@wiesenhof.example>");
  });

  it("names what the imprint still needs, a bad country and a name too long for a mandate", () => {
    const issues = issuesOf({ ...SECRETS, LEGAL_NAME: "Wiesenhof Versand GmbH" });
    expect(issues.map((i) => i.variable).sort()).toEqual([
      "LEGAL_EMAIL",
      "LEGAL_POSTAL_CITY",
      "LEGAL_REPRESENTATIVE",
      "LEGAL_STREET",
    ]);
    expect(issuesOf({ ...SECRETS, ...SHOP, LEGAL_COUNTRY: "Germany" })).toEqual([
      expect.objectContaining({ variable: "LEGAL_COUNTRY", message: expect.stringContaining("two-letter") }),
    ]);
    expect(issuesOf({ ...SECRETS, ...SHOP, LEGAL_NAME: "x".repeat(71) })).toEqual([
      expect.objectContaining({ variable: "LEGAL_NAME", message: expect.stringContaining("70") }),
    ]);
  });

  it("signs every mail with its name, address and register, in the text and the HTML part", () => {
    const sender = legalEntityLine(parseEnv({ ...SECRETS, ...SHOP }).legalEntity);
    expect(sender).toBe(
      "Wiesenhof Versand GmbH · Am Markt 3 · 04109 Leipzig · Amtsgericht Leipzig, HRB 12345",
    );
    const mail = renderMail(
      "de",
      { name: "password-reset", data: { url: token("/reset-password"), expiresMinutes: 30 } },
      { ...ctx, sender },
    );
    expect(mail.text).toContain(sender);
    expect(mail.html).toContain(sender);
    expect(
      renderMail("de", { name: "password-reset", data: { url: `${APP}/x`, expiresMinutes: 30 } }, ctx).text,
    ).not.toContain("Wiesenhof");
  });
});
