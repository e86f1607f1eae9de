"use server";

import { revalidatePath } from "next/cache";
import { currentActor } from "@/lib/auth/actor";
import { requirePermissionForAction } from "@/lib/auth/permissions";
import { isRecentAuth } from "@/lib/auth/step-up";
import type { ApiKeyLifetimeDays } from "@/lib/config/api";
import { actionFailure, actionOk, validationFailed, type ActionResult } from "@/lib/errors";
import {
  CreateApiKeySchema,
  RevokeApiKeySchema,
  type CreateApiKeyInput,
  type RevokeApiKeyInput,
} from "@/lib/schemas/api-keys";
import { createApiKey, revokeApiKey } from "@/lib/server/api/keys";

const PAGE = "/admin/api-keys";

/**
 * Creates an API key (docs/decisions/0045): api_keys:manage in an AAL2 session and a recent
 * authentication, since the key reads customers' data. The key is in this answer only.
 */
export async function createApiKeyAction(
  input: CreateApiKeyInput,
): Promise<ActionResult<{ key: string; prefix: string }>> {
  const permitted = await requirePermissionForAction("api_keys:manage", { returnTo: PAGE });
  if (!permitted.ok) return permitted.failure;
  if (!isRecentAuth(permitted.user)) return actionFailure("STEP_UP_REQUIRED");
  const parsed = CreateApiKeySchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  const created = await createApiKey({
    actor: await currentActor(permitted.user, { as: "ADMIN" }),
    name: parsed.data.name,
    scopes: parsed.data.scopes,
    lifetimeDays: Number(parsed.data.lifetimeDays) as ApiKeyLifetimeDays,
  });
  revalidatePath(PAGE);
  return actionOk({ key: created.key, prefix: created.prefix });
}

/** Revokes a key at once. No step-up: stopping a key must never wait for one. */
export async function revokeApiKeyAction(input: RevokeApiKeyInput): Promise<ActionResult<undefined>> {
  const permitted = await requirePermissionForAction("api_keys:manage", { returnTo: PAGE });
  if (!permitted.ok) return permitted.failure;
  const parsed = RevokeApiKeySchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  const actor = await currentActor(permitted.user, { as: "ADMIN" });
  const result = await revokeApiKey({ actor, id: parsed.data.id });
  if (!result.ok) return actionFailure("NOT_FOUND");
  revalidatePath(PAGE);
  return actionOk(undefined);
}
