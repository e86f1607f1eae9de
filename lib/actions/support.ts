"use server";

import { revalidatePath } from "next/cache";
import { currentActor } from "@/lib/auth/actor";
import { requirePermissionForAction, type Permission } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/session";
import {
  actionFailure,
  actionOk,
  validationFailed,
  type ActionFailure,
  type ActionResult,
} from "@/lib/errors";
import { SupportReasonSchema, type SupportReasonInput } from "@/lib/schemas/support";
import type { StaffActor } from "@/lib/server/actor";
import { openCustomer } from "@/lib/server/support/access";
import {
  lockCustomer,
  resendVerificationToCustomer,
  sendPasswordResetToCustomer,
  signOutCustomerEverywhere,
  unlockCustomer,
  type SupportActionInput,
  type SupportActionResult,
} from "@/lib/server/support/account-actions";

// The support console's actions (issue 12, docs/decisions/0042): each names its permission, wants
// the staff AAL2 session (requirePermissionForAction), a reason, and the customer opened by this
// agent; the domain writes the support.* event with the reason. Failures are codes and keys.

const customerPage = (id: string) => `/support/customers/${encodeURIComponent(id)}`;

/** Support acts as SUPPORT; an admin in the console acts as ADMIN (the audit says which). */
async function staffActor(user: CurrentUser): Promise<StaffActor> {
  return currentActor(user, { as: user.roles.includes("SUPPORT") ? "SUPPORT" : "ADMIN" });
}

type Prepared =
  { ok: true; actor: StaffActor; input: SupportActionInput } | { ok: false; failure: ActionFailure };

async function prepare(permission: Permission, raw: SupportReasonInput): Promise<Prepared> {
  const id = typeof raw?.customerId === "string" ? raw.customerId : "";
  const permitted = await requirePermissionForAction(permission, { returnTo: customerPage(id) });
  if (!permitted.ok) return permitted;
  const parsed = SupportReasonSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, failure: validationFailed(parsed.error) };
  return { ok: true, actor: await staffActor(permitted.user), input: parsed.data };
}

function answer(result: SupportActionResult, customerId: string): ActionResult<null> {
  if (!result.ok) {
    if (result.code === "NOT_FOUND") return actionFailure("NOT_FOUND");
    return actionFailure("FORBIDDEN", { message: `staff.support.failures.${result.code}` });
  }
  revalidatePath(customerPage(customerId));
  return actionOk(null);
}

/** "Kunden öffnen": the reason is written to the log and shown to the customer. */
export async function openCustomerAction(input: SupportReasonInput): Promise<ActionResult<null>> {
  const prepared = await prepare("customers:read", input);
  if (!prepared.ok) return prepared.failure;
  return answer(await openCustomer(prepared.actor, prepared.input), prepared.input.customerId);
}

export async function lockCustomerAction(input: SupportReasonInput): Promise<ActionResult<null>> {
  const prepared = await prepare("customers:unlock", input);
  if (!prepared.ok) return prepared.failure;
  return answer(await lockCustomer(prepared.actor, prepared.input), prepared.input.customerId);
}

export async function unlockCustomerAction(input: SupportReasonInput): Promise<ActionResult<null>> {
  const prepared = await prepare("customers:unlock", input);
  if (!prepared.ok) return prepared.failure;
  return answer(await unlockCustomer(prepared.actor, prepared.input), prepared.input.customerId);
}

export async function sendCustomerPasswordResetAction(
  input: SupportReasonInput,
): Promise<ActionResult<null>> {
  const prepared = await prepare("customers:reset", input);
  if (!prepared.ok) return prepared.failure;
  return answer(await sendPasswordResetToCustomer(prepared.actor, prepared.input), prepared.input.customerId);
}

export async function signOutCustomerEverywhereAction(
  input: SupportReasonInput,
): Promise<ActionResult<null>> {
  const prepared = await prepare("sessions:revoke", input);
  if (!prepared.ok) return prepared.failure;
  return answer(await signOutCustomerEverywhere(prepared.actor, prepared.input), prepared.input.customerId);
}

export async function resendCustomerVerificationAction(
  input: SupportReasonInput,
): Promise<ActionResult<null>> {
  const prepared = await prepare("customers:reset", input);
  if (!prepared.ok) return prepared.failure;
  return answer(
    await resendVerificationToCustomer(prepared.actor, prepared.input),
    prepared.input.customerId,
  );
}
