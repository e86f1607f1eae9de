import { apiRoute } from "@/lib/auth/api-request";
import { shopApprovalForKey } from "@/lib/server/approvals/shop-approvals";
import { problemDetails } from "@/lib/server/api/problem";
import { ApprovalIdSchema } from "@/lib/schemas/approvals";

export const dynamic = "force-dynamic";

/** GET /api/v1/approvals/{id}: the status of an approval, only for the key that asked for it. */
export const GET = apiRoute<{ id: string }>(
  { route: "/api/v1/approvals/{id}", scope: "orders:write" },
  async ({ params, actor }) => {
    const id = ApprovalIdSchema.safeParse(params.id);
    const approval = id.success ? await shopApprovalForKey({ apiKeyId: actor.apiKeyId, id: id.data }) : null;
    if (!approval) return { problem: problemDetails("NOT_FOUND", { detail: "No such approval." }) };
    return { body: approval, subject: approval.customerId };
  },
);
