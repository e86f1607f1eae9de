/**
 * Authorisation as named permissions (issue 12, docs/decisions/0040). Roles say who someone is;
 * permissions say what a page, action or route handler needs. Every staff check on the server asks
 * for a permission, never a role, so a new role or a moved duty is one line in ROLE_PERMISSIONS.
 * Plain module (the bottom layer): the request layer authorises by it (lib/auth/permissions.ts)
 * and the header shows the consoles a person's roles allow.
 */
import type { Role } from "./roles";

export const PERMISSIONS = [
  "customers:read",
  "customers:unlock",
  "customers:reset",
  "sessions:revoke",
  "audit:read",
  "audiences:read",
  "audiences:export",
  "consents:manage",
  "topics:manage",
  "staff:manage",
  "api_keys:manage",
  "webhooks:manage",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * Customers hold no permission: what they may do to their own account is decided by ownership
 * (requireUser and the customer's own id), not by this table. Admins hold every permission.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  CUSTOMER: [],
  SUPPORT: ["customers:read", "customers:unlock", "customers:reset", "sessions:revoke", "audit:read"],
  MARKETING: ["audiences:read", "audiences:export"],
  ADMIN: PERMISSIONS,
};

/** Whether any of the person's roles grants the permission. */
export function hasPermission(user: { roles: readonly Role[] }, permission: Permission): boolean {
  return user.roles.some((role) => ROLE_PERMISSIONS[role]?.includes(permission));
}

/** Whether the person holds a staff role (any permission at all): staff sign in with AAL2. */
export function isStaff(user: { roles: readonly Role[] }): boolean {
  return user.roles.some((role) => ROLE_PERMISSIONS[role]?.length > 0);
}

/** The staff consoles, each opened by one permission, in the order the header lists them. */
export const CONSOLES = [
  { key: "support", path: "/support", permission: "customers:read" },
  { key: "marketing", path: "/marketing", permission: "audiences:read" },
  { key: "admin", path: "/admin", permission: "staff:manage" },
] as const satisfies readonly { key: string; path: string; permission: Permission }[];
export type Console = (typeof CONSOLES)[number];

/** The consoles the person's roles allow (empty for a customer). */
export function consolesFor(user: { roles: readonly Role[] }): Console[] {
  return CONSOLES.filter((c) => hasPermission(user, c.permission));
}

/** An admin's work starts in the administration; other staff in the first console they have. */
const LANDING_ORDER: readonly Console["key"][] = ["admin", "support", "marketing"];

/** Where a sign-in without a return path lands: staff on their console, customers in /account. */
export function homePathFor(user: { roles: readonly Role[] }): string {
  const allowed = consolesFor(user);
  for (const key of LANDING_ORDER) {
    const found = allowed.find((c) => c.key === key);
    if (found) return found.path;
  }
  return "/account";
}
