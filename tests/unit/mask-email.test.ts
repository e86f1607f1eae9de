/** The masked addresses that logs and error messages carry instead of the real ones. */
import { describe, expect, it } from "vitest";
import { maskEmail, redactEmails } from "@/lib/server/mail/mask-email";

describe("maskEmail", () => {
  it.each([
    ["erika@example.com", "e***@example.com"],
    ["a@b.de", "a***@b.de"],
    ["no-at-sign", "***"],
    ["@example.com", "***"],
  ])("%s → %s", (input, expected) => expect(maskEmail(input)).toBe(expected));

  it("redacts addresses inside a server reply", () => {
    expect(redactEmails("550 5.1.1 <erika@example.com>: unknown user")).toBe(
      "550 5.1.1 <e***@example.com>: unknown user",
    );
  });
});
