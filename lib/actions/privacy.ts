"use server";

import { revalidatePath } from "next/cache";
import { clearSessionCookie } from "@/lib/auth/session-cookie";
import { currentActor } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/session";
import { requireRecentAuth } from "@/lib/auth/step-up";
import { actionFailure, actionOk, validationFailed, type ActionResult } from "@/lib/errors";
import { RequestDeletionSchema, type RequestDeletionInput } from "@/lib/schemas/privacy";
import { cancelAccountDeletion, requestAccountDeletion } from "@/lib/server/privacy/account-deletion";
import { prepareDataExport, type ExportFormat } from "@/lib/server/privacy/data-exports";

const PRIVACY = "/account/privacy";

export type PreparedExportView = {
  links: Record<ExportFormat, string>;
  sha256: string;
  expiresAt: string;
};

/** "Download my data": needs a recent authentication; answers with single-use download links. */
export async function requestDataExportAction(): Promise<ActionResult<PreparedExportView>> {
  const auth = await requireRecentAuth({ returnTo: PRIVACY });
  if (!auth.ok) return auth.failure;
  const prepared = await prepareDataExport({ actor: await currentActor(auth.user) });
  return actionOk({
    links: prepared.links,
    sha256: prepared.sha256,
    expiresAt: prepared.expiresAt.toISOString(),
  });
}

/** Deletion request: step-up, then every session ends (this one too) and the browser goes to /login. */
export async function requestDeletionAction(
  input: RequestDeletionInput,
): Promise<ActionResult<{ signedOut: true }>> {
  const parsed = RequestDeletionSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  const auth = await requireRecentAuth({ returnTo: PRIVACY });
  if (!auth.ok) return auth.failure;
  const result = await requestAccountDeletion({ actor: await currentActor(auth.user) });
  if (!result.ok && result.code === "NOT_FOUND") return actionFailure("NOT_FOUND");
  await clearSessionCookie();
  // Not redirect(): its client-side navigation would keep this page's data in the document. The
  // form goes on through POST /logout, a new document (docs/decisions/0028).
  return actionOk({ signedOut: true });
}

/** Cancels a pending deletion of the signed-in customer's own account. */
export async function cancelDeletionAction(): Promise<ActionResult<{ cancelled: boolean }>> {
  const user = await requireUser({ returnTo: PRIVACY });
  const cancelled = await cancelAccountDeletion(await currentActor(user));
  revalidatePath(PRIVACY);
  return actionOk({ cancelled });
}
