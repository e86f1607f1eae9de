import { expectMatchingCatalogs } from "../support/catalog-keys";
import { describe, expect, it } from "vitest";
import de from "@/messages/de.json";
import en from "@/messages/en.json";
import { matchAcceptLanguage } from "@/lib/i18n/accept-language";

describe("message catalogs", () => {
  it("have the same keys in German and English, none empty", () => {
    expectMatchingCatalogs(de, en);
  });

  it("have a localised message for every error code", async () => {
    const { APP_ERROR_CODES } = await import("@/lib/errors");
    for (const code of APP_ERROR_CODES) {
      expect(de.errors, code).toHaveProperty(code);
      expect(en.errors, code).toHaveProperty(code);
    }
  });
});

describe("matchAcceptLanguage", () => {
  it.each([
    ["de-DE,de;q=0.9,en;q=0.8", "de"],
    ["en-GB,en;q=0.9", "en"],
    ["de-AT", "de"],
    ["fr-FR,en;q=0.5,de;q=0.4", "en"],
    ["fr-FR,it;q=0.5", undefined],
    ["en;q=0,de;q=0.1", "de"],
    ["*", "de"],
    ["", undefined],
    [null, undefined],
  ])("%j → %s", (header, locale) => expect(matchAcceptLanguage(header)).toBe(locale));
});
