import "server-only";
/**
 * The request layer's permission checks (docs/decisions/0040): every staff page, server action and
 * route handler calls requirePermission with the named permission it needs (lib/config/permissions.ts).
 *
 * Three gates, in this order:
 * 1. a session (else /login and back), and the permission (else 404: staff areas reveal nothing);
 * 2. a second factor the staff member owns (else /account/security to enrol one, e.g. after an invite);
 * 3. a session that USED it (AAL2 with an authenticator app, passkey or recovery code; a code by
 *    e-mail proves the mailbox, not a second device): else the step-up page, which brings them back.
 * Actions use requirePermissionForAction, which answers STEP_UP_REQUIRED instead of the third
 * redirect, so the form's step-up dialog raises the session and sends the same input again.
 */
import { notFound, redirect } from "next/navigation";
import { hasPermission, type Permission } from "@/lib/config/permissions";
import { db } from "@/lib/db";
import { actionFailure, type ActionFailure } from "@/lib/errors";
import { toSafeRelativePath } from "@/lib/http/safe-path";
import { requireUser, type CurrentUser } from "./session";

export {
  CONSOLES,
  consolesFor,
  hasPermission,
  homePathFor,
  isStaff,
  PERMISSIONS,
  ROLE_PERMISSIONS,
  type Permission,
} from "@/lib/config/permissions";

/** Methods that prove a second device or a biometric, not just the mailbox. */
const STRONG_METHODS = ["PASSKEY", "TOTP", "RECOVERY_CODE"];

/** Whether this session used a second factor (NIST AAL2), not just owns one. */
export function hasUsedSecondFactor(user: Pick<CurrentUser, "aal" | "authMethods">): boolean {
  return user.aal >= 2 && user.authMethods.some((m) => STRONG_METHODS.includes(m));
}

async function ownsStrongFactor(userId: string): Promise<boolean> {
  const [totp, passkeys] = await Promise.all([
    db.totpFactor.count({ where: { userId, confirmedAt: { not: null } } }),
    db.passkey.count({ where: { userId } }),
  ]);
  return totp + passkeys > 0;
}

/** Gates 1 and 2, shared by pages and actions. */
async function requirePermittedStaff(permission: Permission, returnTo: string): Promise<CurrentUser> {
  const user = await requireUser({ returnTo });
  if (!hasPermission(user, permission)) notFound();
  if (!(await ownsStrongFactor(user.id))) redirect("/account/security?notice=staff-factor-required");
  return user;
}

/** For pages and route handlers: the permitted staff member in an AAL2 session, or a redirect. */
export async function requirePermission(
  permission: Permission,
  opts: { returnTo: string },
): Promise<CurrentUser> {
  const user = await requirePermittedStaff(permission, opts.returnTo);
  if (!hasUsedSecondFactor(user))
    redirect(
      `/login/step-up?callbackUrl=${encodeURIComponent(toSafeRelativePath(opts.returnTo, "/account"))}`,
    );
  return user;
}

export type PermittedStaff = { ok: true; user: CurrentUser } | { ok: false; failure: ActionFailure };

/** For server actions: as requirePermission, but an AAL1 session gets STEP_UP_REQUIRED to return. */
export async function requirePermissionForAction(
  permission: Permission,
  opts: { returnTo: string },
): Promise<PermittedStaff> {
  const user = await requirePermittedStaff(permission, opts.returnTo);
  if (!hasUsedSecondFactor(user)) return { ok: false, failure: actionFailure("STEP_UP_REQUIRED") };
  return { ok: true, user };
}
