"use server";

import { revalidatePath } from "next/cache";
import { currentActor } from "@/lib/auth/actor";
import { requirePermissionForAction } from "@/lib/auth/permissions";
import { isRecentAuth } from "@/lib/auth/step-up";
import { actionFailure, actionOk, validationFailed, type ActionResult } from "@/lib/errors";
import {
  CreateWebhookSchema,
  WebhookIdSchema,
  type CreateWebhookInput,
  type WebhookIdInput,
} from "@/lib/schemas/webhooks";
import {
  createWebhookEndpoint,
  disableWebhookEndpoint,
  resendWebhookDelivery,
} from "@/lib/server/webhooks/endpoints";

const PAGE = "/admin/webhooks";

/**
 * Registers a webhook endpoint (docs/decisions/0047): webhooks:manage in an AAL2 session and a
 * recent authentication, since the endpoint will learn of customers' consents. The signing secret
 * is in this answer only.
 */
export async function createWebhookAction(
  input: CreateWebhookInput,
): Promise<ActionResult<{ secret: string }>> {
  const permitted = await requirePermissionForAction("webhooks:manage", { returnTo: PAGE });
  if (!permitted.ok) return permitted.failure;
  if (!isRecentAuth(permitted.user)) return actionFailure("STEP_UP_REQUIRED");
  const parsed = CreateWebhookSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  const actor = await currentActor(permitted.user, { as: "ADMIN" });
  const created = await createWebhookEndpoint({ actor, ...parsed.data });
  if (!created.ok)
    return actionFailure("VALIDATION_FAILED", {
      fieldErrors: { url: ["validation.webhooks.urlNotAllowed"] },
    });
  revalidatePath(PAGE);
  return actionOk({ secret: created.secret });
}

/** Stops an endpoint at once. No step-up: stopping a flow of data must never wait for one. */
export async function disableWebhookAction(input: WebhookIdInput): Promise<ActionResult<undefined>> {
  const permitted = await requirePermissionForAction("webhooks:manage", { returnTo: PAGE });
  if (!permitted.ok) return permitted.failure;
  const parsed = WebhookIdSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  const result = await disableWebhookEndpoint({
    actor: await currentActor(permitted.user, { as: "ADMIN" }),
    id: parsed.data.id,
  });
  if (!result.ok) return actionFailure("NOT_FOUND");
  revalidatePath(PAGE);
  return actionOk(undefined);
}

/** Sends a logged delivery again to its (still enabled) endpoint, with the same event id. */
export async function resendWebhookDeliveryAction(input: WebhookIdInput): Promise<ActionResult<undefined>> {
  const permitted = await requirePermissionForAction("webhooks:manage", { returnTo: PAGE });
  if (!permitted.ok) return permitted.failure;
  const parsed = WebhookIdSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  const result = await resendWebhookDelivery({
    actor: await currentActor(permitted.user, { as: "ADMIN" }),
    id: parsed.data.id,
  });
  if (!result.ok) return actionFailure("NOT_FOUND");
  revalidatePath(PAGE);
  return actionOk(undefined);
}
