import { apiRoute } from "@/lib/auth/api-request";
import { parseJsonBody } from "@/lib/server/api/json-body";
import { problemDetails } from "@/lib/server/api/problem";
import { upsertOrder } from "@/lib/server/orders/ingest";
import { PutOrderSchema, ShopOrderIdSchema } from "@/lib/schemas/orders";

export const dynamic = "force-dynamic";

/** PUT /api/v1/orders/{shopOrderId}: creates (201) or replaces (200) the shop's order. */
export const PUT = apiRoute<{ shopOrderId: string }>(
  { route: "/api/v1/orders/{shopOrderId}", scope: "orders:write", write: { maxBodyBytes: 256 * 1024 } },
  async ({ params, body, actor }) => {
    const shopOrderId = ShopOrderIdSchema.safeParse(params.shopOrderId);
    if (!shopOrderId.success) return { problem: problemDetails("NOT_FOUND", { detail: "No such order." }) };
    const parsed = parseJsonBody(PutOrderSchema, body);
    if (!parsed.ok) return { problem: parsed.problem };
    const result = await upsertOrder({ actor, shopOrderId: shopOrderId.data, order: parsed.data });
    if (!result.ok) return { problem: problemDetails(result.code) };
    return {
      status: result.created ? 201 : 200,
      body: result.order,
      subject: result.order.customerId,
      audit: { shopOrderId: shopOrderId.data, created: result.created },
    };
  },
);
