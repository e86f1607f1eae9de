"use server";

import { revalidatePath } from "next/cache";
import { refuseUnprovenAddress } from "@/lib/auth/proven-address";
import { requireUser } from "@/lib/auth/session";
import { actionFailure, actionOk, validationFailed, type ActionResult } from "@/lib/errors";
import {
  PushPreferencesSchema,
  PushSubscriptionIdSchema,
  PushSubscriptionSchema,
  type PushPreferencesInput,
  type PushSubscriptionIdInput,
  type PushSubscriptionInput,
} from "@/lib/schemas/push";
import {
  removePushSubscription,
  savePushSubscription,
  updatePushPreferences,
} from "@/lib/server/push/push-subscriptions";
import { sendTestPush, type PushOutcome } from "@/lib/server/push/send-push";
import { currentActor } from "@/lib/auth/actor";

const COMMUNICATION = "/account/communication";

/** Stores the subscription this browser's push service issued (PushSubscription.toJSON()). */
export async function subscribePushAction(
  input: PushSubscriptionInput,
): Promise<ActionResult<{ id: string }>> {
  const user = await requireUser({ returnTo: COMMUNICATION });
  const refused = refuseUnprovenAddress(user);
  if (refused) return refused;
  const parsed = PushSubscriptionSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  const result = await savePushSubscription(await currentActor(user), parsed.data);
  // FORBIDDEN: another account holds this endpoint; the browser subscribes afresh and retries.
  if (!result.ok && result.code === "ENDPOINT_TAKEN") return actionFailure("FORBIDDEN");
  if (!result.ok)
    return actionFailure("VALIDATION_FAILED", { message: "account.communication.push.endpointNotAllowed" });
  revalidatePath(COMMUNICATION);
  return actionOk({ id: result.id });
}

export async function sendTestPushAction(
  input: PushSubscriptionIdInput,
): Promise<ActionResult<{ outcome: PushOutcome }>> {
  const user = await requireUser({ returnTo: COMMUNICATION });
  const parsed = PushSubscriptionIdSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  const result = await sendTestPush(await currentActor(user), {
    subscriptionId: parsed.data.subscriptionId,
    locale: user.locale,
  });
  if (!result.ok) {
    return actionFailure(result.code === "UNAVAILABLE" ? "SERVICE_UNAVAILABLE" : result.code);
  }
  if (result.outcome !== "delivered") revalidatePath(COMMUNICATION);
  return actionOk({ outcome: result.outcome });
}

export async function removePushSubscriptionAction(
  input: PushSubscriptionIdInput,
): Promise<ActionResult<{ removed: true }>> {
  const actor = await currentActor(await requireUser({ returnTo: COMMUNICATION }));
  const parsed = PushSubscriptionIdSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  if (!(await removePushSubscription(actor, parsed.data.subscriptionId))) return actionFailure("NOT_FOUND");
  revalidatePath(COMMUNICATION);
  return actionOk({ removed: true });
}

export async function updatePushPreferencesAction(
  input: PushPreferencesInput,
): Promise<ActionResult<{ saved: true }>> {
  const actor = await currentActor(await requireUser({ returnTo: COMMUNICATION }));
  const parsed = PushPreferencesSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  const result = await updatePushPreferences(actor, parsed.data);
  if (!result.ok) {
    if (result.code === "NOT_FOUND") return actionFailure("NOT_FOUND");
    return actionFailure("FORBIDDEN", { message: "account.communication.push.marketingNeedsConsent" });
  }
  revalidatePath(COMMUNICATION);
  return actionOk({ saved: true });
}
