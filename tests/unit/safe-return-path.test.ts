import { describe, expect, it } from "vitest";
import { safeReturnPath } from "@/lib/auth/return-path";

describe("safeReturnPath", () => {
  it.each([
    ["/account/profile", "/account/profile"],
    ["/account?tab=1", "/account?tab=1"],
    ["https://evil.example/", "/account"],
    ["//evil.example/", "/account"],
    ["/\\evil.example", "/account"],
    ["javascript:alert(1)", "/account"],
    [undefined, "/account"],
  ])("%s → %s", (input, expected) => expect(safeReturnPath(input)).toBe(expected));
});
