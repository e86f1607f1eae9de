"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { requirePermissionForAction } from "@/lib/auth/permissions";
import { isRecentAuth } from "@/lib/auth/step-up";
import { actionFailure, actionOk, validationFailed, type ActionResult } from "@/lib/errors";
import { PublishConsentVersionSchema, type PublishConsentVersionInput } from "@/lib/schemas/consent";
import { publishConsentVersion } from "@/lib/server/consent/consent-versions";
import { currentActor } from "@/lib/auth/actor";

/**
 * Publishes a new version of a purpose's texts. Needs consents:manage in an AAL2 session,
 * and a recent authentication: a material version asks every consenting customer again.
 */
export async function publishConsentVersionAction(
  input: PublishConsentVersionInput,
): Promise<ActionResult<{ version: number; title: string }>> {
  const parsedKey = typeof input?.purposeKey === "string" ? input.purposeKey : "";
  const returnTo = `/admin/consent/${encodeURIComponent(parsedKey)}`;
  const permitted = await requirePermissionForAction("consents:manage", { returnTo });
  if (!permitted.ok) return permitted.failure;
  const admin = permitted.user;
  if (!isRecentAuth(admin)) return actionFailure("STEP_UP_REQUIRED");
  const parsed = PublishConsentVersionSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);

  const result = await publishConsentVersion(await currentActor(admin, { as: "ADMIN" }), parsed.data);
  if (!result.ok) {
    if (result.code === "NOT_FOUND") return actionFailure("NOT_FOUND");
    const message = (
      {
        UNCHANGED: "staff.admin.publish.unchanged",
        VERSION_CHANGED: "staff.admin.publish.versionChanged",
        TERMS_DOCUMENT_MISSING: "staff.admin.publish.termsDocumentMissing",
      } as const
    )[result.code];
    return actionFailure("VALIDATION_FAILED", { message });
  }
  revalidatePath("/admin/consent");
  revalidatePath("/account", "layout");
  const title = (await getLocale()) === "en" ? parsed.data.titleEn : parsed.data.titleDe;
  return actionOk({ version: result.version, title });
}
