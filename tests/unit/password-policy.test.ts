import { describe, expect, it } from "vitest";
import {
  buildCommonPasswordIndex,
  checkPasswordPolicy,
  isCommonPassword,
  loadCommonPasswords,
} from "@/lib/server/passwords/common-passwords";
import { contextWordList } from "@/lib/config/password-context-words";

describe("common-password list", () => {
  it("loads the whole shipped list: at least 100,000 distinct entries (961,927 after lower-casing)", async () => {
    const list = await loadCommonPasswords();
    expect(list.size).toBeGreaterThanOrEqual(100_000);
    expect(list.size).toBe(961_927);
  });

  it.each(["password", "123456789", "Passwort1", "PASSWORD", "iloveyou", "ｐａｓｓｗｏｒｄ"])(
    "knows %s (case-insensitive, fullwidth folded)",
    async (password) => {
      expect(await isCommonPassword(password)).toBe(true);
    },
  );

  it.each(["korrekt pferd batterie heftklammer", "Vz7#qL2!mW9@", "password-but-not-quite-4711"])(
    "does not know %s",
    async (password) => {
      expect(await isCommonPassword(password)).toBe(false);
    },
  );

  it("indexes UTF-8 lines and CRLF line ends the same way as lookups", () => {
    const index = buildCommonPasswordIndex(new TextEncoder().encode("Grüße2024\r\nABCdef\n\nsecond\n"));
    expect(index.size).toBe(3);
    for (const listed of ["grüße2024", "abcdef", "second"]) expect(index.has(listed)).toBe(true);
    expect(index.has("")).toBe(false);
  });
});

describe("checkPasswordPolicy", () => {
  const email = "erika.mustermann+shop@example.com";
  const contextWords = contextWordList(["Müller Versand"]);
  it.each([
    ["1234567", "too_short"],
    ["äöü😀abc", "too_short"], // 7 code points
    ["x".repeat(129), "too_long"],
    ["password", "common"],
    ["123456789", "common"],
    ["Passwort1", "common"],
    ["erika.mustermann+shop", "contains_email"],
    ["my-ERIKA.MUSTERMANN-2026", "contains_email"],
    ["erika.mustermann77", "contains_email"], // the local part without its +tag
  ] as const)("refuses %j as %s", async (password, reason) => {
    expect(await checkPasswordPolicy({ password, email, contextWords })).toEqual({ ok: false, reason });
  });

  it.each([
    "korrekt pferd batterie heftklammer",
    "äöü😀abcd", // 8 code points
    "x".repeat(128),
    "Mustermann-Familie-Urlaub", // the surname alone is not the local part
  ])("accepts %j", async (password) => {
    expect(await checkPasswordPolicy({ password, email, contextWords })).toEqual({ ok: true });
  });

  it("ignores email parts too short to be meaningful", async () => {
    expect(
      await checkPasswordPolicy({ password: "max-und-moritz-1865", email: "max@example.com", contextWords }),
    ).toEqual({
      ok: true,
    });
    expect(await checkPasswordPolicy({ password: "long enough phrase", email: null, contextWords })).toEqual({
      ok: true,
    });
  });
});
