import { describe, expect, it } from "vitest";
import {
  consolesFor,
  hasPermission,
  homePathFor,
  isStaff,
  PERMISSIONS,
  ROLE_PERMISSIONS,
} from "@/lib/config/permissions";
import { ROLES } from "@/lib/config/roles";

describe("permissions (docs/decisions/0040)", () => {
  it("gives a customer no permission at all", () => {
    for (const p of PERMISSIONS) expect(hasPermission({ roles: ["CUSTOMER"] }, p)).toBe(false);
    expect(isStaff({ roles: ["CUSTOMER"] })).toBe(false);
  });

  it("keeps support to helping customers: no export, no staff, no consent management", () => {
    const support = { roles: ["SUPPORT"] as const };
    expect(hasPermission(support, "customers:read")).toBe(true);
    expect(hasPermission(support, "customers:unlock")).toBe(true);
    for (const p of ["audiences:export", "staff:manage", "consents:manage", "api_keys:manage"] as const)
      expect(hasPermission(support, p), p).toBe(false);
  });

  it("gives marketing the audiences and nothing of a customer's account", () => {
    expect(hasPermission({ roles: ["MARKETING"] }, "audiences:export")).toBe(true);
    expect(hasPermission({ roles: ["MARKETING"] }, "customers:read")).toBe(false);
  });

  it("gives admins every permission, and only staff roles hold any", () => {
    for (const p of PERMISSIONS) expect(hasPermission({ roles: ["ADMIN"] }, p)).toBe(true);
    expect(ROLES.filter((r) => ROLE_PERMISSIONS[r].length > 0)).toEqual(["SUPPORT", "MARKETING", "ADMIN"]);
  });

  it("unites the permissions of several roles", () => {
    const both = { roles: ["SUPPORT", "MARKETING"] as const };
    expect(hasPermission(both, "customers:read") && hasPermission(both, "audiences:read")).toBe(true);
    expect(consolesFor(both).map((c) => c.path)).toEqual(["/support", "/marketing"]);
  });

  it("lands staff on their first console and customers in /account", () => {
    expect(homePathFor({ roles: ["CUSTOMER"] })).toBe("/account");
    expect(homePathFor({ roles: ["CUSTOMER", "SUPPORT"] })).toBe("/support");
    expect(homePathFor({ roles: ["MARKETING"] })).toBe("/marketing");
    expect(homePathFor({ roles: ["SUPPORT", "ADMIN"] })).toBe("/admin");
    expect(consolesFor({ roles: ["ADMIN"] }).map((c) => c.path)).toEqual([
      "/support",
      "/marketing",
      "/admin",
    ]);
  });
});
