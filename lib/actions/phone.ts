"use server";

import { revalidatePath } from "next/cache";
import { currentActor } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/session";
import {
  actionFailure,
  actionOk,
  rateLimitedFailure,
  validationFailed,
  type ActionResult,
} from "@/lib/errors";
import { VerifyPhoneCodeSchema, type VerifyPhoneCodeInput } from "@/lib/schemas/phone-verification";
import { sendPhoneVerificationCode, verifyPhoneCode } from "@/lib/server/profile/phone-verification";

// Proving the profile's phone number by an SMS code (docs/decisions/0052). Both act on the
// caller's own profile only: no id comes from the request.

const PAGE = "/account/communication";

export async function sendPhoneCodeAction(): Promise<ActionResult<{ sent: true }>> {
  const result = await sendPhoneVerificationCode(await currentActor(await requireUser({ returnTo: PAGE })));
  if (result.ok) return actionOk({ sent: true });
  if (result.code === "RATE_LIMITED")
    return rateLimitedFailure(result.retryAfterSeconds, "account.communication.phone.rateLimited");
  if (result.code === "ALREADY_VERIFIED") {
    revalidatePath(PAGE);
    return actionFailure("VALIDATION_FAILED", { message: "account.communication.phone.verified" });
  }
  return actionFailure("VALIDATION_FAILED", { message: "account.communication.phone.noPhone" });
}

export async function verifyPhoneCodeAction(input: VerifyPhoneCodeInput): Promise<ActionResult<null>> {
  const parsed = VerifyPhoneCodeSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  const result = await verifyPhoneCode(
    await currentActor(await requireUser({ returnTo: PAGE })),
    parsed.data.code,
  );
  if (result.ok) {
    revalidatePath(PAGE);
    return actionOk(null);
  }
  if (result.code === "RATE_LIMITED")
    return rateLimitedFailure(result.retryAfterSeconds, "account.communication.phone.rateLimited");
  const message =
    result.code === "INVALID"
      ? "account.communication.phone.invalid"
      : result.code === "LOCKED"
        ? "account.communication.phone.locked"
        : "account.communication.phone.expired";
  return actionFailure("VALIDATION_FAILED", { message, fieldErrors: { code: ["validation.invalid"] } });
}
