import { apiRoute } from "@/lib/auth/api-request";
import { requestShopApproval } from "@/lib/server/approvals/shop-approvals";
import { problemDetails } from "@/lib/server/api/problem";
import { validationProblem } from "@/lib/server/api/validation";
import { CreateApprovalSchema } from "@/lib/schemas/approvals";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/approvals: the shop asks a customer to approve an order (docs/decisions/0063).
 * 201 with the new approval; 200 with the same approval when the shop's approval id was sent before.
 */
export const POST = apiRoute<Record<string, never>>(
  { route: "/api/v1/approvals", scope: "orders:write" },
  async ({ request, actor }) => {
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      return { problem: problemDetails("VALIDATION_FAILED", { detail: "The body must be JSON." }) };
    }
    const input = CreateApprovalSchema.safeParse(body);
    if (!input.success) return { problem: validationProblem(input.error) };
    const result = await requestShopApproval({ actor, input: input.data });
    if (!result.ok)
      return result.code === "CUSTOMER_NOT_FOUND"
        ? {
            problem: problemDetails("NOT_FOUND", {
              detail: "No customer with this id or verified e-mail address.",
            }),
          }
        : {
            problem: problemDetails("VALIDATION_FAILED", {
              detail: "expiresAt must lie between 5 minutes and 7 days ahead.",
              errors: [{ path: "expiresAt", message: "between 5 minutes and 7 days ahead" }],
            }),
          };
    return {
      status: result.created ? 201 : 200,
      body: result.approval,
      subject: result.approval.customerId,
      audit: { approval: result.approval.id, created: result.created },
    };
  },
);
