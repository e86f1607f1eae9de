"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getClientInfo } from "@/lib/auth/client-info";
import { requireUser } from "@/lib/auth/session";
import { declineShopApproval } from "@/lib/server/approvals/decide-approval";
import { actionFailure, actionOk, type ActionResult } from "@/lib/errors";
import { ApprovalIdSchema } from "@/lib/schemas/approvals";

const DeclineApprovalSchema = z.object({ approvalId: ApprovalIdSchema });

/** The customer declines a shop approval (docs/decisions/0063); approving is the confirmation. */
export async function declineShopApprovalAction(input: { approvalId: string }): Promise<ActionResult<null>> {
  const parsed = DeclineApprovalSchema.safeParse(input);
  const user = await requireUser({
    returnTo: parsed.success ? `/account/approvals/${parsed.data.approvalId}` : "/account",
  });
  if (!parsed.success) return actionFailure("NOT_FOUND");
  const result = await declineShopApproval({
    userId: user.id,
    sessionId: user.sessionId,
    id: parsed.data.approvalId,
    client: await getClientInfo(),
  });
  if (!result.ok)
    return result.code === "NOT_FOUND"
      ? actionFailure("NOT_FOUND")
      : actionFailure("NOT_FOUND", { message: "approvals.errors.notPending" });
  revalidatePath(`/account/approvals/${parsed.data.approvalId}`);
  return actionOk(null);
}
