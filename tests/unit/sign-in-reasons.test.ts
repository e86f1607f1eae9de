/**
 * What the customer is told about a second step or a stopped sign-in (docs/decisions/0021): the
 * codes the sign-in completion stores, as a table, and how stored values are read back.
 */
import { describe, expect, it } from "vitest";
import { parseSignInReasons, signInReasonCodes } from "@/lib/config/sign-in-reasons";

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
