import { describe, expect, it } from "vitest";
import {
  generateRecoveryCodes,
  hashRecoveryCode,
  isRecoveryCodeShape,
  normalizeRecoveryCode,
  RECOVERY_CODE_ALPHABET,
} from "@/lib/server/factors/recovery-codes";

describe("recovery codes", () => {
  it("are 10 distinct codes shaped like ABCD-EFGH-JK from an unambiguous alphabet", () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) {
      expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{2}$/);
      expect(code).not.toMatch(/[IO01]/);
      expect(isRecoveryCodeShape(code)).toBe(true);
    }
    // 10 symbols of a 32-letter alphabet: 50 bits, enough for a fast hash (see the schema).
    expect(RECOVERY_CODE_ALPHABET).toHaveLength(32);
  });

  it.each([
    ["abcd-efgh-jk", "ABCDEFGHJK"],
    [" ABCD EFGH JK ", "ABCDEFGHJK"],
    ["AbCdEfGhJk", "ABCDEFGHJK"],
    ["ABCD--EFGH-JK", "ABCDEFGHJK"],
  ])("normalises %j to %s", (input, expected) => {
    expect(normalizeRecoveryCode(input)).toBe(expected);
    expect(hashRecoveryCode(input)).toBe(hashRecoveryCode(expected));
  });

  it.each(["", "ABCD-EFGH", "ABCD-EFGH-JKL", "ABCD-EFGH-J1", "ABCD-EFGH-JÖ"])(
    "rejects the shape of %j",
    (input) => {
      expect(isRecoveryCodeShape(input)).toBe(false);
    },
  );

  it("hashes to SHA-256 hex", () => {
    expect(hashRecoveryCode("ABCD-EFGH-JK")).toMatch(/^[0-9a-f]{64}$/);
  });
});
