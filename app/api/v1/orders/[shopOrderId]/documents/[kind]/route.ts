import { ORDER_DOCUMENT_MAX_BYTES } from "@/lib/config/orders";
import { apiRoute } from "@/lib/auth/api-request";
import { problemDetails } from "@/lib/server/api/problem";
import { storeOrderDocument } from "@/lib/server/orders/documents";
import { OrderDocumentKindSchema, ShopOrderIdSchema } from "@/lib/schemas/orders";

export const dynamic = "force-dynamic";

/**
 * PUT /api/v1/orders/{shopOrderId}/documents/{kind}: the order's invoice, credit note or delivery
 * note as the raw PDF body (application/pdf); 201 when new, 200 when it replaced the last one.
 */
export const PUT = apiRoute<{ shopOrderId: string; kind: string }>(
  {
    route: "/api/v1/orders/{shopOrderId}/documents/{kind}",
    scope: "orders:write",
    write: { maxBodyBytes: ORDER_DOCUMENT_MAX_BYTES },
  },
  async ({ request, params, body, actor }) => {
    const shopOrderId = ShopOrderIdSchema.safeParse(params.shopOrderId);
    const kind = OrderDocumentKindSchema.safeParse(params.kind);
    if (!shopOrderId.success || !kind.success)
      return { problem: problemDetails("NOT_FOUND", { detail: "No such order or document kind." }) };
    const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (type !== "application/pdf")
      return {
        problem: problemDetails("UNSUPPORTED_MEDIA_TYPE", { detail: "Send the PDF as application/pdf." }),
      };
    const result = await storeOrderDocument({
      actor,
      shopOrderId: shopOrderId.data,
      kind: kind.data,
      content: body,
    });
    if (!result.ok)
      return {
        problem:
          result.code === "NOT_FOUND"
            ? problemDetails("NOT_FOUND", { detail: "No such order." })
            : problemDetails("UNSUPPORTED_MEDIA_TYPE", {
                detail: "The body is not a PDF (no %PDF- header).",
              }),
      };
    return {
      status: result.created ? 201 : 200,
      body: result.document,
      audit: { kind: kind.data, sizeBytes: result.document.sizeBytes },
    };
  },
);
