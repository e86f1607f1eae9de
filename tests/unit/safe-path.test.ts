/**
 * The open-redirect guard (docs/decisions/0023) and every place that takes a return path from the
 * browser: each hostile value must come out as a path no browser reads as another origin, however
 * often it is resolved again (Next's client router normalises a path before it navigates, so
 * "/.//evil.example/x" used to become "//evil.example/x").
 */
import { describe, expect, it, vi } from "vitest";
import { isSafeRelativePath, toSafeRelativePath } from "@/lib/http/safe-path";
import { CallbackUrlSchema, LoginSchema } from "@/lib/schemas/auth";
import { SetLocaleSchema } from "@/lib/schemas/locale";
import { HOSTILE_RETURN_PATHS, expectSameOriginPath } from "../support/hostile-paths";

describe("safe relative paths (open-redirect guard)", () => {
  it.each([
    ["/account/profile", "/account/profile"],
    ["/account?tab=1#x", "/account?tab=1#x"],
    ["/", "/"],
    ["/account/./profile", "/account/profile"],
    ["/account/../account/security", "/account/security"],
    ["/konto/ä", "/konto/%C3%A4"],
    ["/account/a%2Fb", "/account/a%2Fb"],
  ])("keeps %j as the normalised path %j", (value, normalised) => {
    expect(toSafeRelativePath(value, "/fallback")).toBe(normalised);
  });

  it.each(HOSTILE_RETURN_PATHS)("refuses %j", (value) => {
    expect(toSafeRelativePath(value, "/fallback")).toBe("/fallback");
    expect(isSafeRelativePath(value)).toBe(false);
  });

  it("accepts as-is only a path that is its own normal form", () => {
    expect(isSafeRelativePath("/account/security")).toBe(true);
    // Safe once normalised, but not as typed: callers that keep the text must not take it.
    expect(isSafeRelativePath("/account/../account")).toBe(false);
  });
});

describe("every schema that carries a return path", () => {
  const places: [string, (value: unknown) => unknown][] = [
    ["CallbackUrlSchema", (value) => CallbackUrlSchema.parse(value)],
    [
      "LoginSchema.callbackUrl",
      (value) =>
        LoginSchema.parse({ email: "a@example.com", password: "x", rememberMe: false, callbackUrl: value })
          .callbackUrl,
    ],
    [
      "SetLocaleSchema.returnTo",
      (value) => SetLocaleSchema.parse({ locale: "de", returnTo: value }).returnTo,
    ],
  ];

  describe.each(places)("%s", (_name, parse) => {
    it.each(HOSTILE_RETURN_PATHS)("drops %j", (value) => {
      const result = parse(value);
      if (result !== undefined && result !== "/") expectSameOriginPath(result);
      expect([undefined, "/"]).toContain(result);
    });

    it("returns the normalised path, not the text it was given", () => {
      expect(parse("/account/./security")).toBe("/account/security");
    });
  });
});

describe("next-auth's redirect callback", () => {
  const baseUrl = "http://localhost:3000";

  async function redirect(url: string): Promise<string> {
    vi.stubEnv("AUTH_SECRET", "unit-test-secret-0123456789abcdefghijklmnop");
    vi.stubEnv("DATA_ENCRYPTION_KEY", "dml0ZXN0LW9ubHkta2V5LTAxMjM0NTY3ODlhYmNkZWY=");
    const { getNextAuthOptions } = await import("@/lib/auth/next-auth-options");
    const callback = getNextAuthOptions().callbacks?.redirect;
    if (!callback) throw new Error("no redirect callback");
    return callback({ url, baseUrl });
  }

  it.each(HOSTILE_RETURN_PATHS.filter((v): v is string => typeof v === "string"))(
    "keeps %j on the portal",
    async (value) => {
      for (const url of [value, `${baseUrl}${value}`]) {
        const target = await redirect(url);
        expect(target.startsWith(`${baseUrl}/`)).toBe(true);
        expectSameOriginPath(target.slice(baseUrl.length));
      }
    },
  );

  it("keeps the portal's own paths", async () => {
    expect(await redirect("/account/security")).toBe(`${baseUrl}/account/security`);
    expect(await redirect(`${baseUrl}/account?x=1`)).toBe(`${baseUrl}/account?x=1`);
    expect(await redirect(`${baseUrl}.evil.example/`)).toBe(`${baseUrl}/`);
  });
});
