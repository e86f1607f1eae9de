"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
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
import { getClientInfo } from "@/lib/auth/client-info";

const COMMUNICATION = "/account/communication";

async function actor() {
  const user = await requireUser({ returnTo: COMMUNICATION });
  return {
    userId: user.id,
    sessionId: user.sessionId,
    locale: user.locale,
    emailVerified: user.emailVerified,
    client: await getClientInfo(),
  };
}

/** Stores the subscription this browser's push service issued (PushSubscription.toJSON()). */
export async function subscribePushAction(
  input: PushSubscriptionInput,
): Promise<ActionResult<{ id: string }>> {
  const who = await actor();
  const refused = refuseUnprovenAddress(who);
  if (refused) return refused;
  const parsed = PushSubscriptionSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  const result = await savePushSubscription(who, parsed.data);
  // FORBIDDEN: another account holds this endpoint; the browser subscribes afresh and retries.
  if (!result.ok && result.code === "ENDPOINT_TAKEN") return actionFailure("FORBIDDEN");
  if (!result.ok) {
    const t = await getTranslations("account.communication.push");
    return actionFailure("VALIDATION_FAILED", { formError: t("endpointNotAllowed") });
  }
  revalidatePath(COMMUNICATION);
  return actionOk({ id: result.id });
}

export async function sendTestPushAction(
  input: PushSubscriptionIdInput,
): Promise<ActionResult<{ outcome: PushOutcome }>> {
  const who = await actor();
  const parsed = PushSubscriptionIdSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  const result = await sendTestPush(who, parsed.data.subscriptionId);
  if (!result.ok) {
    return actionFailure(result.code === "UNAVAILABLE" ? "SERVICE_UNAVAILABLE" : result.code);
  }
  if (result.outcome !== "delivered") revalidatePath(COMMUNICATION);
  return actionOk({ outcome: result.outcome });
}

export async function removePushSubscriptionAction(
  input: PushSubscriptionIdInput,
): Promise<ActionResult<{ removed: true }>> {
  const who = await actor();
  const parsed = PushSubscriptionIdSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  if (!(await removePushSubscription(who, parsed.data.subscriptionId))) return actionFailure("NOT_FOUND");
  revalidatePath(COMMUNICATION);
  return actionOk({ removed: true });
}

export async function updatePushPreferencesAction(
  input: PushPreferencesInput,
): Promise<ActionResult<{ saved: true }>> {
  const who = await actor();
  const parsed = PushPreferencesSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  const result = await updatePushPreferences(who, parsed.data);
  if (!result.ok) {
    if (result.code === "NOT_FOUND") return actionFailure("NOT_FOUND");
    const t = await getTranslations("account.communication.push");
    return actionFailure("FORBIDDEN", { formError: t("marketingNeedsConsent") });
  }
  revalidatePath(COMMUNICATION);
  return actionOk({ saved: true });
}
