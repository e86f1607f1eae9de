/**
 * THE authorisation matrix (PRODUCT.md §2, §6; ASVS V8): every route and every server action ×
 * anonymous, CUSTOMER, SUPPORT, MARKETING, ADMIN, and a customer using another customer's ids.
 * One row per route (from app/) and per action (from the build's manifest); authorization.spec.ts
 * fails for a route or action without a row. `signedIn` is the expectation for all four roles
 * unless `roles` says otherwise for one. The rows live by area in matrix/: routes, the actions of
 * signing in (auth), of /account/security (security), of everyday account data (account) and of the
 * staff administration (staff) and of the support console (support); the
 * outcomes they use are explained in matrix/cells.ts.
 */
import { ACCOUNT_ACTIONS } from "./matrix/actions-account";
import { APPROVAL_ACTIONS } from "./matrix/actions-approvals";
import { AUTH_ACTIONS } from "./matrix/actions-auth";
import { SECURITY_ACTIONS } from "./matrix/actions-security";
import { STAFF_ACTIONS } from "./matrix/actions-staff";
import { SUPPORT_ACTIONS } from "./matrix/actions-support";
import type { ActionRow } from "./matrix/cells";

export { ROUTES } from "./matrix/routes";
export {
  expectation,
  pattern,
  type ActionRow,
  type Column,
  type Expect,
  type RouteRow,
} from "./matrix/cells";

function merge(...areas: Record<string, ActionRow>[]): Record<string, ActionRow> {
  const all: Record<string, ActionRow> = {};
  for (const area of areas)
    for (const [name, row] of Object.entries(area)) {
      if (name in all) throw new Error(`${name} has a row in two areas of the matrix`);
      all[name] = row;
    }
  return all;
}

export const ACTIONS = merge(
  AUTH_ACTIONS,
  SECURITY_ACTIONS,
  ACCOUNT_ACTIONS,
  STAFF_ACTIONS,
  SUPPORT_ACTIONS,
  APPROVAL_ACTIONS,
);
