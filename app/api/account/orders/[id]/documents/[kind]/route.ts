import { currentActor } from "@/lib/auth/actor";
import { getCurrentUser } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { OrderDocumentKindSchema, OrderIdSchema } from "@/lib/schemas/orders";
import { downloadOrderDocument } from "@/lib/server/orders/documents";
import { unavailableAs503 } from "@/lib/http/database-unavailable";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string; kind: string }> };

const NOT_FOUND = () =>
  new Response("Not Found", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });

/**
 * An order's document for its owner (decision 0066): always a download (attachment, nosniff: a
 * PDF from the shop is never rendered as a page of the portal), never kept by a shared cache, and
 * audited. Unknown, foreign or malformed ids and kinds are the same 404.
 */
async function get(_request: Request, { params }: Context): Promise<Response> {
  const raw = await params;
  const id = OrderIdSchema.safeParse(raw.id);
  const kind = OrderDocumentKindSchema.safeParse(raw.kind);
  const user = await getCurrentUser();
  if (!user) {
    const back = id.success ? `/account/orders/${id.data}` : "/account/orders";
    return new Response(null, {
      status: 303,
      headers: {
        Location: `${getEnv().appUrl}/login?callbackUrl=${encodeURIComponent(back)}`,
        "Cache-Control": "no-store",
      },
    });
  }
  if (!id.success || !kind.success) return NOT_FOUND();
  const document = await downloadOrderDocument({
    actor: await currentActor(user),
    orderId: id.data,
    kind: kind.data,
  });
  if (!document) return NOT_FOUND();
  return new Response(new Uint8Array(document.content), {
    headers: {
      "Content-Type": "application/pdf",
      // The shop's order number is [A-Za-z0-9._-] only (ShopOrderIdSchema): safe inside the quotes.
      "Content-Disposition": `attachment; filename="${kind.data}-${document.shopOrderId}.pdf"`,
      "Content-Length": String(document.content.byteLength),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** 503 with Retry-After while the database cannot answer (decision 0073). */
export const GET = unavailableAs503(get);
