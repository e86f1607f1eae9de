import { apiRoute } from "@/lib/auth/api-request";
import { fieldProblem, parseJsonBody } from "@/lib/server/api/json-body";
import { problemDetails } from "@/lib/server/api/problem";
import { recordShipmentEvent } from "@/lib/server/orders/shipments";
import { PostShipmentEventSchema, ShipmentIdSchema } from "@/lib/schemas/orders";

export const dynamic = "force-dynamic";

/** POST /api/v1/shipments/{id}/events: one carrier event, in any order (201, or 200 if known). */
export const POST = apiRoute<{ id: string }>(
  { route: "/api/v1/shipments/{id}/events", scope: "orders:write", write: { maxBodyBytes: 16 * 1024 } },
  async ({ params, body, actor }) => {
    const id = ShipmentIdSchema.safeParse(params.id);
    const parsed = parseJsonBody(PostShipmentEventSchema, body);
    if (!parsed.ok) return { problem: parsed.problem };
    const { eventAt, ...event } = parsed.data;
    const result = id.success
      ? await recordShipmentEvent({ actor, shipmentId: id.data, eventAt: new Date(eventAt), ...event })
      : ({ ok: false, code: "NOT_FOUND" } as const);
    if (!result.ok)
      return {
        problem:
          result.code === "NOT_FOUND"
            ? problemDetails("NOT_FOUND", { detail: "No such shipment." })
            : fieldProblem("code", "The carrier has no such status code in the portal's table."),
      };
    return {
      status: result.created ? 201 : 200,
      body: result.event,
      audit: { shipmentId: result.event.shipmentId, status: result.event.status },
    };
  },
);
