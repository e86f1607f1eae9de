"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { refuseUnprovenAddress } from "@/lib/auth/proven-address";
import { requireUser } from "@/lib/auth/session";
import { requireRecentAuth, requireRecentAuthForPage } from "@/lib/auth/step-up";
import { actionFailure, actionOk, validationFailed, type ActionResult } from "@/lib/errors";
import { ConfirmTotpSchema, type ConfirmTotpInput } from "@/lib/schemas/second-factor";
import {
  confirmTotpEnrolment,
  disableTotp,
  regenerateRecoveryCodes,
  startTotpEnrolment,
} from "@/lib/server/factors/totp-factors";
import { getClientInfo } from "@/lib/auth/client-info";

// Authenticator app and recovery codes in /account/security. Setting the app up and new recovery
// codes need a proven address (docs/decisions/0018); setting up, new recovery codes and turning
// the app off all need a recent authentication with the account's strongest factor (step-up;
// docs/decisions/0024): a stolen session plus the password must not be enough to weaken the
// account, and a code typed into a form beside the button would be a second, unthrottled way to
// prove it.

const RETURN_TO = "/account/security";

/** Posted by a plain form (works without JavaScript): a stale session goes to /login/step-up first. */
export async function startTotpEnrolmentAction(): Promise<void> {
  if (refuseUnprovenAddress(await requireUser({ returnTo: RETURN_TO })))
    redirect(`${RETURN_TO}?notice=address-unproven#authenticator`);
  const user = await requireRecentAuthForPage({ returnTo: RETURN_TO, strength: "strongest" });
  await startTotpEnrolment(user.id);
  revalidatePath(RETURN_TO);
}

export async function confirmTotpAction(
  input: ConfirmTotpInput,
): Promise<ActionResult<{ recoveryCodes: string[] }>> {
  const parsed = ConfirmTotpSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  const refused = refuseUnprovenAddress(await requireUser({ returnTo: RETURN_TO }));
  if (refused) return refused;
  const auth = await requireRecentAuth({ returnTo: RETURN_TO, strength: "strongest" });
  if (!auth.ok) return auth.failure;
  const { user } = auth;
  const codes = await confirmTotpEnrolment({
    userId: user.id,
    code: parsed.data.code,
    client: await getClientInfo(),
  });
  if (!codes) return actionFailure("VALIDATION_FAILED", { message: "factors.totp.wrongCode" });
  return actionOk({ recoveryCodes: codes });
}

export async function regenerateRecoveryCodesAction(): Promise<ActionResult<{ recoveryCodes: string[] }>> {
  const refused = refuseUnprovenAddress(await requireUser({ returnTo: RETURN_TO }));
  if (refused) return refused;
  const auth = await requireRecentAuth({ returnTo: RETURN_TO, strength: "strongest" });
  if (!auth.ok) return auth.failure;
  const { user } = auth;
  const codes = await regenerateRecoveryCodes({ userId: user.id, client: await getClientInfo() });
  if (!codes) return actionFailure("NOT_FOUND");
  return actionOk({ recoveryCodes: codes });
}

export async function disableTotpAction(): Promise<ActionResult<{ disabled: true }>> {
  const auth = await requireRecentAuth({ returnTo: RETURN_TO, strength: "strongest" });
  if (!auth.ok) return auth.failure;
  const { user } = auth;
  const disabled = await disableTotp({
    userId: user.id,
    client: await getClientInfo(),
    confirmedWith: user.authMethods,
  });
  if (!disabled) return actionFailure("NOT_FOUND");
  revalidatePath(RETURN_TO);
  return actionOk({ disabled: true });
}
