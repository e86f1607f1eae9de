import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  contextWordList,
  operatorContextWords,
  PRODUCT_CONTEXT_WORDS,
} from "@/lib/config/password-context-words";
import { parseEnv } from "@/lib/env";
import { checkPasswordPolicy } from "@/lib/server/passwords/common-passwords";

const SECRETS = {
  AUTH_SECRET: "q8Yt3vN1xK0pLm2Rz7Wc5Hs9Ud4Fe6Gj",
  DATA_ENCRYPTION_KEY: Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 7 + 3) % 256)).toString(
    "base64",
  ),
};

describe("context-specific words (ASVS 6.1.2, 6.2.11)", () => {
  it("are documented: decision 0032 names every product word and the operator's setting", () => {
    const record = readFileSync("docs/decisions/0032-context-specific-password-words.md", "utf8");
    for (const word of PRODUCT_CONTEXT_WORDS) expect(record).toContain(`"${word}"`);
    expect(record).toContain("PASSWORD_CONTEXT_WORDS");
    expect(readFileSync(".env.example", "utf8")).toMatch(/^# ?PASSWORD_CONTEXT_WORDS=/m);
  });

  it("take the operator's words from PASSWORD_CONTEXT_WORDS, else from the creditor name without its legal form", () => {
    // The creditor is the legal entity unless set on its own (decision 0065): the demo operator here.
    expect(parseEnv({ ...SECRETS }).passwordContextWords).toEqual(["Beispiel", "Handels"]);
    expect(
      parseEnv({ ...SECRETS, SEPA_CREDITOR_NAME: "Müller & Söhne Versand GmbH & Co. KG" })
        .passwordContextWords,
    ).toEqual(["Müller", "Söhne", "Versand"]);
    expect(
      parseEnv({
        ...SECRETS,
        PASSWORD_CONTEXT_WORDS: " Mueller , Müllerversand,,",
        SEPA_CREDITOR_NAME: "X GmbH",
      }).passwordContextWords,
    ).toEqual(["Mueller", "Müllerversand"]);
    expect(parseEnv({ ...SECRETS, PASSWORD_CONTEXT_WORDS: "" }).passwordContextWords).toEqual([
      "Beispiel",
      "Handels",
    ]);
    expect(
      parseEnv({
        ...SECRETS,
        LEGAL_NAME: "Wiesenhof Versand GmbH",
        LEGAL_STREET: "Am Markt 3",
        LEGAL_POSTAL_CITY: "04109 Leipzig",
        LEGAL_REPRESENTATIVE: "Jana Beispiel",
        LEGAL_EMAIL: "service@wiesenhof.example",
      }).passwordContextWords,
    ).toEqual(["Wiesenhof", "Versand"]);
    expect(operatorContextWords({ creditorName: "Beispiel Shop AG" })).toEqual(["Beispiel", "Shop"]);
  });

  it("are folded and short words dropped: the list always holds the product's names", () => {
    expect(contextWordList(["Müller-Versand", "Hut", "Kundenportal"])).toEqual([
      "kundenportal",
      "customerportal",
      "müllerversand",
    ]);
    expect(contextWordList([])).toEqual(["kundenportal", "customerportal"]);
  });

  it.each([
    "Kundenportal2026!",
    "mein kunden-portal passwort",
    "My Customer Portal Password",
    "ＫＵＮＤＥＮＰＯＲＴＡＬ-geheim", // fullwidth folds like the common-password list
    "Beispiel-Versand-4711",
    "ich kaufe gern bei beispielversand",
  ])("refuses %j as a context word", async (password) => {
    const contextWords = contextWordList(["Beispiel Versand", "Beispielversand"]);
    expect(await checkPasswordPolicy({ password, email: "erika@example.com", contextWords })).toEqual({
      ok: false,
      reason: "context_word",
    });
  });

  it("accepts passwords that only share short or partial words with them", async () => {
    const contextWords = contextWordList(["Beispiel Versand"]);
    for (const password of [
      "Portal zur Kundschaft 2026",
      "Haus am Rhein, Nummer 7",
      "Mein Konto, meine Regeln",
    ])
      expect(await checkPasswordPolicy({ password, email: null, contextWords })).toEqual({ ok: true });
  });
});
