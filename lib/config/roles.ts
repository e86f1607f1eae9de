/**
 * The roles a person can hold. Customers manage their own account; support, marketing and admin
 * are staff, who always sign in with a second factor. Plain module: the request layer authorises
 * by them and the domain decides by them (e.g. staff are always asked for a second factor).
 */
export const ROLES = ["CUSTOMER", "SUPPORT", "MARKETING", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

/** The roles that make someone staff: AAL2 sessions, shorter lifetimes (docs/decisions/0040). */
export const STAFF_ROLES: Role[] = ["SUPPORT", "MARKETING", "ADMIN"];
