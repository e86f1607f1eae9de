import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  generateRecoveryCodes,
  hashRecoveryCode,
  rekeyLegacyHash,
  isRecoveryCodeShape,
  normalizeRecoveryCode,
  RECOVERY_CODE_ALPHABET,
} from "@/lib/server/factors/recovery-codes";

const SECRET = "unit-test-secret-0123456789abcdefghijklmnop";

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
    // 10 symbols of a 32-letter alphabet: 50 bits, enough for a fast (keyed) hash.
    expect(RECOVERY_CODE_ALPHABET).toHaveLength(32);
  });

  it.each([
    ["abcd-efgh-jk", "ABCDEFGHJK"],
    [" ABCD EFGH JK ", "ABCDEFGHJK"],
    ["AbCdEfGhJk", "ABCDEFGHJK"],
    ["ABCD--EFGH-JK", "ABCDEFGHJK"],
  ])("normalises %j to %s", (input, expected) => {
    expect(normalizeRecoveryCode(input)).toBe(expected);
    expect(hashRecoveryCode(input, SECRET)).toBe(hashRecoveryCode(expected, SECRET));
  });

  it.each(["", "ABCD-EFGH", "ABCD-EFGH-JKL", "ABCD-EFGH-J1", "ABCD-EFGH-JÖ"])(
    "rejects the shape of %j",
    (input) => {
      expect(isRecoveryCodeShape(input)).toBe(false);
    },
  );

  it("hashes with a key: versioned, not the plain SHA-256, different under another secret", () => {
    const hash = hashRecoveryCode("ABCD-EFGH-JK", SECRET);
    expect(hash).toMatch(/^k1:[A-Za-z0-9_-]{43}$/);
    expect(hash).not.toContain(createHash("sha256").update("ABCDEFGHJK").digest("hex"));
    expect(hashRecoveryCode("ABCD-EFGH-JK", `${SECRET}-other`)).not.toBe(hash);
  });

  it("re-keys an older version's SHA-256 to the hash of the same code", () => {
    const legacy = createHash("sha256").update("ABCDEFGHJK").digest("hex");
    expect(rekeyLegacyHash(legacy, SECRET)).toBe(hashRecoveryCode("abcd-efgh-jk", SECRET));
  });
});
