import { zodResolver } from "@hookform/resolvers/zod";
import type { ResolverOptions } from "react-hook-form";
import { describe, expect, it } from "vitest";
import { regexes } from "zod/v4/core";
import { EMAIL_PATTERN, loginResolver } from "@/app/(auth)/login/login-resolver";
import { LoginSchema, type LoginInput } from "@/lib/schemas/auth";

// The sign-in form validates without zod (issue 16, /login's JavaScript); the server action parses
// with LoginSchema. Both must give every input the same answer: the same message key per field, or
// the same parsed values.

const options = {
  fields: {},
  names: ["email", "password", "rememberMe", "callbackUrl"],
  shouldUseNativeValidation: false,
} as unknown as ResolverOptions<LoginInput>;
const zod = zodResolver(LoginSchema);

/** A well-formed address of exactly `length` characters (the limit is 254). */
function addressOfLength(length: number): string {
  const address = `${"a".repeat(64)}@${"b".repeat(length - 64 - 1 - 3)}.de`;
  expect(address).toHaveLength(length);
  return address;
}

const EMAILS: unknown[] = [
  "",
  "   ",
  "anna@example.de",
  "  Anna.Beispiel@Example.DE  ",
  "erika.beispiel.de",
  "a@b",
  "a@b.c",
  "a@b.co",
  ".a@b.de",
  "a..b@c.de",
  "a.@b.de",
  "a@-b.de",
  "o'brien+shop@mail.example.com",
  "jürgen@example.de",
  "a b@example.de",
  "a@b.de\n",
  addressOfLength(254),
  addressOfLength(255),
  ` ${addressOfLength(254)} `,
  undefined,
  null,
  42,
];
const PASSWORDS: unknown[] = ["", " ", "x", " padded ", "ä".repeat(128), "a".repeat(129), undefined, 7];
const REMEMBER: unknown[] = [false, true, "on", undefined];
const CALLBACKS: unknown[] = [
  undefined,
  "",
  "/account",
  "/account?tab=1#x",
  "//evil.example",
  "https://evil.example/",
  "/a/../b",
  5,
];

function simplified(result: { values: object; errors: Record<string, unknown> }) {
  const errors = Object.fromEntries(
    Object.entries(result.errors).map(([name, error]) => [name, (error as { message?: string }).message]),
  );
  return { values: result.values, errors };
}

describe("the sign-in form's resolver", () => {
  it("uses zod's own e-mail pattern", () => {
    expect(EMAIL_PATTERN.source).toBe(regexes.email.source);
    expect(EMAIL_PATTERN.flags).toBe(regexes.email.flags);
  });

  it("answers every input as LoginSchema does: the same message keys, the same parsed values", async () => {
    let compared = 0;
    for (const email of EMAILS)
      for (const password of PASSWORDS)
        for (const rememberMe of REMEMBER)
          for (const callbackUrl of CALLBACKS) {
            const input = { email, password, rememberMe, callbackUrl } as LoginInput;
            const expected = simplified(await zod(input, undefined, options));
            const actual = simplified(await loginResolver(input, undefined, options));
            expect(actual, JSON.stringify(input)).toEqual(expected);
            compared++;
          }
    expect(compared).toBe(EMAILS.length * PASSWORDS.length * REMEMBER.length * CALLBACKS.length);
  });

  it("refuses a malformed address with the e-mail key and keeps a valid one, trimmed and lower-cased", async () => {
    const bad = await loginResolver(
      { email: "erika.beispiel.de", password: "x", rememberMe: false },
      undefined,
      options,
    );
    expect(bad.errors.email?.message).toBe("validation.email");
    const good = await loginResolver(
      { email: " Erika@Beispiel.DE ", password: "x", rememberMe: true, callbackUrl: "//evil.example" },
      undefined,
      options,
    );
    expect(good).toEqual({
      values: { email: "erika@beispiel.de", password: "x", rememberMe: true, callbackUrl: undefined },
      errors: {},
    });
  });
});
