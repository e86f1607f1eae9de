"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { refuseUnprovenAddress } from "@/lib/auth/proven-address";
import { requireRecentAuth, requireRecentAuthForPage } from "@/lib/auth/step-up";
import { requireUser } from "@/lib/auth/session";
import { actionFailure, actionOk, validationFailed, type ActionResult } from "@/lib/errors";
import {
  ConfirmTotpSchema,
  DisableTotpSchema,
  type ConfirmTotpInput,
  type DisableTotpInput,
} from "@/lib/schemas/second-factor";
import {
  confirmTotpEnrolment,
  disableTotp,
  regenerateRecoveryCodes,
  startTotpEnrolment,
} from "@/lib/server/factors/totp-factors";
import { getClientInfo } from "@/lib/server/request/client-info";

// Authenticator app and recovery codes in /account/security. Adding the factor and new recovery
// codes need a proven address (docs/decisions/0018) and a recent authentication (step-up);
// removing it asks for proof (password or a code) because a stolen session alone must not be able
// to weaken the account.

const RETURN_TO = "/account/security";

/** Posted by a plain form (works without JavaScript): a stale session goes to /login/step-up first. */
export async function startTotpEnrolmentAction(): Promise<void> {
  if (refuseUnprovenAddress(await requireUser({ returnTo: RETURN_TO })))
    redirect(`${RETURN_TO}?notice=address-unproven#authenticator`);
  const user = await requireRecentAuthForPage({ returnTo: RETURN_TO });
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
  const auth = await requireRecentAuth({ returnTo: RETURN_TO });
  if (!auth.ok) return auth.failure;
  const { user } = auth;
  const codes = await confirmTotpEnrolment({
    userId: user.id,
    code: parsed.data.code,
    client: await getClientInfo(),
  });
  if (!codes) {
    return actionFailure("VALIDATION_FAILED", {
      formError: (await getTranslations("factors.totp"))("wrongCode"),
    });
  }
  return actionOk({ recoveryCodes: codes });
}

export async function regenerateRecoveryCodesAction(): Promise<ActionResult<{ recoveryCodes: string[] }>> {
  const refused = refuseUnprovenAddress(await requireUser({ returnTo: RETURN_TO }));
  if (refused) return refused;
  const auth = await requireRecentAuth({ returnTo: RETURN_TO });
  if (!auth.ok) return auth.failure;
  const { user } = auth;
  const codes = await regenerateRecoveryCodes({ userId: user.id, client: await getClientInfo() });
  if (!codes) return actionFailure("NOT_FOUND");
  return actionOk({ recoveryCodes: codes });
}

export async function disableTotpAction(input: DisableTotpInput): Promise<ActionResult<{ disabled: true }>> {
  const parsed = DisableTotpSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  const user = await requireUser({ returnTo: RETURN_TO });
  const { proof, secret } = parsed.data;
  const disabled = await disableTotp({
    userId: user.id,
    client: await getClientInfo(),
    ...(proof === "password" ? { password: secret } : { code: secret }),
  });
  if (!disabled) {
    return actionFailure("VALIDATION_FAILED", {
      fieldErrors: { secret: ["validation.invalid"] },
      formError: (await getTranslations("factors.totp"))("disableFailed"),
    });
  }
  revalidatePath(RETURN_TO);
  return actionOk({ disabled: true });
}
