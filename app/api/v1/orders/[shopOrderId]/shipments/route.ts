import { apiRoute } from "@/lib/auth/api-request";
import { fieldProblem, parseJsonBody } from "@/lib/server/api/json-body";
import { problemDetails } from "@/lib/server/api/problem";
import { addShipment } from "@/lib/server/orders/shipments";
import { PostShipmentSchema, ShopOrderIdSchema } from "@/lib/schemas/orders";

export const dynamic = "force-dynamic";

/** POST /api/v1/orders/{shopOrderId}/shipments: a parcel of the order (201, or 200 if known). */
export const POST = apiRoute<{ shopOrderId: string }>(
  {
    route: "/api/v1/orders/{shopOrderId}/shipments",
    scope: "orders:write",
    write: { maxBodyBytes: 16 * 1024 },
  },
  async ({ params, body, actor }) => {
    const shopOrderId = ShopOrderIdSchema.safeParse(params.shopOrderId);
    const parsed = parseJsonBody(PostShipmentSchema, body);
    if (!parsed.ok) return { problem: parsed.problem };
    const result = shopOrderId.success
      ? await addShipment({ actor, shopOrderId: shopOrderId.data, ...parsed.data })
      : ({ ok: false, code: "NOT_FOUND" } as const);
    if (!result.ok)
      return {
        problem:
          result.code === "NOT_FOUND"
            ? problemDetails("NOT_FOUND", { detail: "No such order." })
            : fieldProblem("trackingNumber", "This tracking number belongs to another order."),
      };
    return {
      status: result.created ? 201 : 200,
      body: result.shipment,
      audit: { shipmentId: result.shipment.id, created: result.created },
    };
  },
);
