/**
 * The sign-up checkbox's label and the consent text recorded when it is ticked must say the same,
 * in both languages, or the record would prove agreement to words nobody saw.
 */
import { describe, expect, it } from "vitest";
import de from "@/messages/de.json";
import en from "@/messages/en.json";
import { CONSENT_PURPOSES } from "../../prisma/seed-data";

const withoutMarkup = (rich: string) => rich.replace(/<\/?[a-z]+>/g, "");

describe("sign-up consent text", () => {
  const terms = CONSENT_PURPOSES.find((p) => p.key === "terms");

  it.each([
    ["de", de],
    ["en", en],
  ] as const)("the %s checkbox label is the recorded text of the purpose `terms`", (locale, catalog) => {
    expect(terms?.texts[locale].body).toBe(withoutMarkup(catalog.auth.register.acceptTerms));
  });

  it("records the statement once, under one purpose (no separate privacy-notice purpose)", () => {
    expect(CONSENT_PURPOSES.map((p) => p.key)).not.toContain("privacy_notice");
    expect(withoutMarkup("a <link>b</link> c")).toBe("a b c");
  });
});
