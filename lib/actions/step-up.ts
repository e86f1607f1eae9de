"use server";

import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { currentActor } from "@/lib/auth/actor";
import { setSessionCookie } from "@/lib/auth/session-cookie";
import { requireUser } from "@/lib/auth/session";
import {
  actionFailure,
  actionOk,
  rateLimitedFailure,
  validationFailed,
  type ActionResult,
} from "@/lib/errors";
import { AuthenticationResponseSchema } from "@/lib/schemas/passkeys";
import {
  StepUpEmailCodeSchema,
  StepUpPasswordSchema,
  type StepUpEmailCodeInput,
  type StepUpPasswordInput,
  type StepUpWay,
} from "@/lib/schemas/step-up";
import {
  sendStepUpEmailCode,
  stepUpPasskeyOptions,
  stepUpWithEmailCode,
  stepUpWithPasskey,
  stepUpWithPassword,
  stepUpWaysFor,
  type StepUpResult,
} from "@/lib/server/identity/step-up";

// The step-up dialog's actions. Each acts on the caller's own session only; a success gives it a
// new token (lib/server/identity/step-up.ts), which goes into the cookie here.

const HOME = "/account";

async function answer(result: StepUpResult, field: string): Promise<ActionResult<null>> {
  if (result.ok) {
    await setSessionCookie(result.session);
    return actionOk(null);
  }
  if (result.code === "RATE_LIMITED") return rateLimitedFailure(result.retryAfterSeconds);
  return actionFailure("VALIDATION_FAILED", {
    fieldErrors: field ? { [field]: ["validation.invalid"] } : undefined,
    message: "stepUp.failed",
  });
}

/**
 * The ways this person can confirm, strongest first; `strongestOnly` when a factor change asked
 * (the change checks it again on the session, so asking for less gains nothing).
 */
export async function stepUpOptionsAction(strongestOnly?: unknown): Promise<ActionResult<StepUpWay[]>> {
  const who = await currentActor(await requireUser({ returnTo: HOME }));
  return actionOk(await stepUpWaysFor(who.userId, { strongestOnly: strongestOnly === true }));
}

export async function stepUpWithPasswordAction(input: StepUpPasswordInput): Promise<ActionResult<null>> {
  const parsed = StepUpPasswordSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  const result = await stepUpWithPassword(await currentActor(await requireUser({ returnTo: HOME })), {
    password: parsed.data.password,
    totpCode: parsed.data.totpCode || undefined,
    recoveryCode: parsed.data.recoveryCode || undefined,
    emailCode: parsed.data.emailCode || undefined,
  });
  return answer(result, "password");
}

export async function startStepUpPasskeyAction(): Promise<
  ActionResult<PublicKeyCredentialRequestOptionsJSON>
> {
  const who = await currentActor(await requireUser({ returnTo: HOME }));
  return actionOk(await stepUpPasskeyOptions(who.userId));
}

export async function finishStepUpPasskeyAction(response: unknown): Promise<ActionResult<null>> {
  const parsed = AuthenticationResponseSchema.safeParse(response);
  if (!parsed.success) return actionFailure("VALIDATION_FAILED", { message: "stepUp.failed" });
  return answer(
    await stepUpWithPasskey(await currentActor(await requireUser({ returnTo: HOME })), parsed.data),
    "",
  );
}

export async function sendStepUpCodeAction(): Promise<ActionResult<{ sent: true }>> {
  if ((await sendStepUpEmailCode(await currentActor(await requireUser({ returnTo: HOME })))) !== null)
    return actionOk({ sent: true });
  return actionFailure("RATE_LIMITED");
}

export async function stepUpWithEmailCodeAction(input: StepUpEmailCodeInput): Promise<ActionResult<null>> {
  const parsed = StepUpEmailCodeSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  return answer(
    await stepUpWithEmailCode(await currentActor(await requireUser({ returnTo: HOME })), parsed.data.code),
    "code",
  );
}
