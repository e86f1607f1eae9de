import { Secret } from "otpauth";
import { describe, expect, it } from "vitest";
import {
  formatTotpSecret,
  generateTotpCode,
  generateTotpSecret,
  matchTotpStep,
} from "@/lib/server/factors/totp";

// RFC 6238 Appendix B, SHA1 column: the ASCII secret "12345678901234567890", 8 digits, 30 s steps.
const RFC_SECRET = Secret.fromLatin1("12345678901234567890").base32;
const VECTORS = [
  { time: 59, code: "94287082" },
  { time: 1111111109, code: "07081804" },
  { time: 1111111111, code: "14050471" },
  { time: 1234567890, code: "89005924" },
  { time: 2000000000, code: "69279037" },
  { time: 20000000000, code: "65353130" },
];

describe("TOTP (RFC 6238 Appendix B, SHA1)", () => {
  it.each(VECTORS)("T = $time → $code", ({ time, code }) => {
    const params = { secret: RFC_SECRET, digits: 8, now: time * 1000 };
    expect(generateTotpCode(params)).toBe(code);
    // Verified at exactly that time, without drift tolerance: the step is T / 30.
    expect(matchTotpStep({ ...params, code, window: 0 })).toBe(Math.floor(time / 30));
  });

  it("accepts one step of drift either way and nothing beyond", () => {
    const now = 1111111111 * 1000;
    const step = Math.floor(now / 30_000);
    const at = (offsetSteps: number) =>
      generateTotpCode({ secret: RFC_SECRET, now: now + offsetSteps * 30_000 });
    expect(matchTotpStep({ secret: RFC_SECRET, code: at(-1), now })).toBe(step - 1);
    expect(matchTotpStep({ secret: RFC_SECRET, code: at(1), now })).toBe(step + 1);
    expect(matchTotpStep({ secret: RFC_SECRET, code: at(2), now })).toBeNull();
    expect(matchTotpStep({ secret: RFC_SECRET, code: at(-2), now })).toBeNull();
  });

  it("refuses input that is not a code of the configured length", () => {
    for (const code of ["", "12345", "1234567", "abcdef", "12 34 5x"]) {
      expect(matchTotpStep({ secret: RFC_SECRET, code, now: 59_000 })).toBeNull();
    }
  });

  it("generates 160-bit base32 secrets and groups them for reading", () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(formatTotpSecret("ABCDEFGHIJ")).toBe("ABCD EFGH IJ");
  });
});
