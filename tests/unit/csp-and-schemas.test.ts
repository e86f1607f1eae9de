import { describe, expect, it } from "vitest";
import { buildContentSecurityPolicy } from "@/lib/http/csp";
import { LoginSchema, RegisterSchema } from "@/lib/schemas/auth";

describe("Content-Security-Policy", () => {
  it("allows scripts only with the nonce in production and forbids framing and plugins", () => {
    const csp = buildContentSecurityPolicy({ nonce: "abc123", isDevelopment: false, isHttps: true });
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    // ASVS 5.0 3.4.3: no <base> element may redirect relative script URLs.
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("upgrade-insecure-requests");
  });
  it("allows eval only in development and does not upgrade requests on http", () => {
    const csp = buildContentSecurityPolicy({ nonce: "n", isDevelopment: true, isHttps: false });
    expect(csp).toContain("'unsafe-eval'");
    expect(csp).not.toContain("upgrade-insecure-requests");
  });
});

describe("auth schemas", () => {
  it("accept a long password with no composition rules and reject short or overlong ones", () => {
    const base = { email: "Erika@Example.de", acceptTerms: true };
    expect(RegisterSchema.safeParse({ ...base, password: "alles klein und lang" }).success).toBe(true);
    const short = RegisterSchema.safeParse({ ...base, password: "kurz" });
    expect(short.error?.issues[0]?.message).toBe("validation.passwordTooShort");
    const long = RegisterSchema.safeParse({ ...base, password: "x".repeat(129) });
    expect(long.error?.issues[0]?.message).toBe("validation.passwordTooLong");
  });
  it("require accepting the terms", () => {
    const result = RegisterSchema.safeParse({ email: "a@b.de", password: "lang genug", acceptTerms: false });
    expect(result.error?.issues.map((i) => i.message)).toEqual(["validation.acceptTermsRequired"]);
  });
  it("reject an invalid email with a message key and drop an unsafe callbackUrl", () => {
    const bad = LoginSchema.safeParse({ email: "erika.beispiel.de", password: "x", rememberMe: false });
    expect(bad.error?.issues[0]).toMatchObject({ path: ["email"], message: "validation.email" });
    const ok = LoginSchema.parse({
      email: " Erika@Example.DE ",
      password: "x",
      rememberMe: false,
      callbackUrl: "//evil.example",
    });
    expect(ok).toMatchObject({ email: "erika@example.de", callbackUrl: undefined });
  });
});
