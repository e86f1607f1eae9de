import { describe, expect, it } from "vitest";
import { isSafeRelativePath, toSafeRelativePath } from "@/lib/safe-path";

describe("safe relative paths (open-redirect guard)", () => {
  it.each([
    ["/account/profile", true],
    ["/account?tab=1#x", true],
    ["/", true],
    ["https://evil.example/", false],
    ["//evil.example/", false],
    ["/\\evil.example", false],
    ["/\t/evil.example", false],
    ["/\n/evil.example", false],
    ["javascript:alert(1)", false],
    ["account", false],
    ["", false],
    [undefined, false],
    ["/" + "a".repeat(3000), false],
  ])("%j → %s", (value, safe) => expect(isSafeRelativePath(value)).toBe(safe));

  it("falls back for unsafe values", () => {
    expect(toSafeRelativePath("//evil.example", "/account")).toBe("/account");
    expect(toSafeRelativePath("/account/security", "/account")).toBe("/account/security");
  });
});
