/**
 * What the customer is told about a second step or a stopped sign-in (docs/decisions/0021): the
 * codes the sign-in completion stores, as a table, and how stored values are read back.
 */
import { createTranslator } from "use-intl/core";
import { describe, expect, it } from "vitest";
import { parseSignInReasons, signInReasonCodes } from "@/lib/config/sign-in-reasons";
import { signInReasonWording } from "@/lib/i18n/sign-in-reason-wording";
import de from "@/messages/de.json";
import en from "@/messages/en.json";

type Input = Parameters<typeof signInReasonCodes>[0];
const base: Input = {
  riskLevel: "LOW",
  riskReasons: [],
  released: false,
  hasAuthenticator: false,
  isStaff: false,
};

describe("signInReasonCodes", () => {
  it.each([
    [
      "an authenticator app at low risk: only the app",
      { hasAuthenticator: true, riskReasons: ["NEW_DEVICE"] },
      ["AUTHENTICATOR"],
    ],
    ["staff at low risk", { isStaff: true }, ["STAFF"]],
    ["the app wins over staff", { isStaff: true, hasAuthenticator: true }, ["AUTHENTICATOR"]],
    [
      "medium risk: the engine's reasons",
      { riskLevel: "MEDIUM", riskReasons: ["NEW_DEVICE", "NEW_COUNTRY"] },
      ["NEW_DEVICE", "NEW_COUNTRY"],
    ],
    [
      "the app and a medium risk: both",
      { hasAuthenticator: true, riskLevel: "MEDIUM", riskReasons: ["NEW_DEVICE", "NEW_COUNTRY"] },
      ["AUTHENTICATOR", "NEW_DEVICE", "NEW_COUNTRY"],
    ],
    [
      "released from the mailbox: the release first",
      { released: true, hasAuthenticator: true, riskLevel: "HIGH", riskReasons: ["IMPOSSIBLE_TRAVEL"] },
      ["RELEASED", "IMPOSSIBLE_TRAVEL"],
    ],
    ["nothing to say", {}, []],
  ] as [string, Partial<Input>, string[]][])("%s", (_name, overrides, expected) => {
    expect(signInReasonCodes({ ...base, ...overrides })).toEqual(expected);
  });
});

describe("parseSignInReasons", () => {
  it("keeps known codes in order, once, from a Json array or a query parameter", () => {
    expect(parseSignInReasons(["NEW_DEVICE", "NEW_DEVICE", "STAFF"])).toEqual(["NEW_DEVICE", "STAFF"]);
    expect(parseSignInReasons("NEW_DEVICE,NEW_COUNTRY")).toEqual(["NEW_DEVICE", "NEW_COUNTRY"]);
  });

  it("[ATTACKER] drops anything else from a crafted ?blocked= value", () => {
    expect(parseSignInReasons("<script>,NEW_COUNTRY,__proto__")).toEqual(["NEW_COUNTRY"]);
    expect(parseSignInReasons({ reasons: ["NEW_DEVICE"] })).toEqual([]);
    expect(parseSignInReasons(null)).toEqual([]);
  });
});

/** The wording server pages and the forms' failure messages share (lib/i18n/sign-in-reason-wording.ts). */
describe("signInReasonWording", () => {
  const wording = (locale: "de" | "en") => {
    const t = createTranslator({ locale, messages: { de, en }[locale], namespace: "signInReasons" });
    const list = new Intl.ListFormat(locale, { type: "conjunction" });
    return signInReasonWording(t, (items) => list.format(items));
  };

  it("words a stopped sign-in with its reasons as one list, then the way out", () => {
    expect(wording("de").blockedSignInMessage(["STAFF", "NEW_DEVICE", "NEW_COUNTRY"])).toBe(
      "Wir haben diese Anmeldung zu Ihrem Schutz gestoppt, weil Sie sich von einem neuen Gerät und aus " +
        `einem neuen Land anmelden. ${de.signInReasons.blockedWayOut}`,
    );
    expect(wording("en").blockedSignInMessage([])).toBe(
      `${en.signInReasons.blockedGeneric} ${en.signInReasons.blockedWayOut}`,
    );
  });

  it("puts why a code is asked for before what the risk engine noticed", () => {
    expect(wording("de").secondFactorReasons(["AUTHENTICATOR", "NEW_COUNTRY"])).toEqual([
      de.signInReasons.policy.AUTHENTICATOR,
      "Wir fragen nach einem Code, weil Sie sich aus einem neuen Land anmelden.",
    ]);
    expect(wording("de").signInHistoryReason(["RELEASED"])).toBeNull();
  });
});
