"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { currentActor } from "@/lib/auth/actor";
import { getClientInfo } from "@/lib/auth/client-info";
import { requirePermissionForAction } from "@/lib/auth/permissions";
import { isRecentAuth } from "@/lib/auth/step-up";
import { actionFailure, actionOk, validationFailed, type ActionResult } from "@/lib/errors";
import { PASSWORD_REASON_KEYS } from "@/lib/schemas/auth";
import {
  AcceptStaffInvitationSchema,
  InviteStaffSchema,
  type AcceptStaffInvitationInput,
  type InviteStaffInput,
} from "@/lib/schemas/staff";
import { acceptStaffInvitation, inviteStaff } from "@/lib/server/staff/invitations";
import { getLocale } from "next-intl/server";
import { toLocale } from "@/lib/i18n/config";

const STAFF_PAGE = "/admin/staff";

/**
 * Invites a staff member by mail (docs/decisions/0041): staff:manage in an AAL2 session, and a
 * recent authentication, since the invitee will see customers' data. Failures are codes and field
 * keys; the form words them.
 */
export async function inviteStaffAction(input: InviteStaffInput): Promise<ActionResult<{ email: string }>> {
  const permitted = await requirePermissionForAction("staff:manage", { returnTo: STAFF_PAGE });
  if (!permitted.ok) return permitted.failure;
  if (!isRecentAuth(permitted.user)) return actionFailure("STEP_UP_REQUIRED");
  const parsed = InviteStaffSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  const actor = await currentActor(permitted.user, { as: "ADMIN" });
  // The invitation mail goes out in the language the admin works in; the invitee can change it later.
  const result = await inviteStaff(actor, { ...parsed.data, locale: toLocale(await getLocale()) });
  if (!result.ok)
    return actionFailure("VALIDATION_FAILED", { fieldErrors: { email: ["validation.staff.accountExists"] } });
  revalidatePath(STAFF_PAGE);
  return actionOk({ email: parsed.data.email });
}

/** The invitee sets the first password from the mailed link; then they sign in as anyone does. */
export async function acceptStaffInvitationAction(
  input: AcceptStaffInvitationInput,
): Promise<ActionResult<never>> {
  const parsed = AcceptStaffInvitationSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  const result = await acceptStaffInvitation({ ...parsed.data, client: await getClientInfo() });
  if (!result.ok) {
    if (result.code === "PASSWORD_REJECTED")
      return actionFailure("VALIDATION_FAILED", {
        fieldErrors: { password: [PASSWORD_REASON_KEYS[result.reason]] },
      });
    return actionFailure("NOT_FOUND");
  }
  redirect("/login?invited=1");
}
