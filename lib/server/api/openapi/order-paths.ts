/** The order area of /api/v1 in the OpenAPI document: the shop feeds orders, parcels and PDFs. */
import { z } from "zod";
import { CARRIER_STATUS_CODES, ORDER_DOCUMENT_MAX_BYTES } from "@/lib/config/orders";
import {
  OrderDocumentKindSchema,
  OrderDocumentSchema,
  OrderSchema,
  PostShipmentEventSchema,
  PostShipmentSchema,
  PutOrderSchema,
  ShipmentEventSchema,
  ShipmentIdSchema,
  ShipmentSchema,
  ShopOrderIdSchema,
} from "@/lib/schemas/orders";
import { registerKeyedWrite } from "./registry";

const carrierCodes = Object.entries(CARRIER_STATUS_CODES)
  .map(
    ([carrier, codes]) =>
      `${carrier}: ${Object.entries(codes)
        .map(([code, status]) => `\`${code}\`→${status}`)
        .join(", ")}`,
  )
  .join("; ");

registerKeyedWrite({
  method: "put",
  path: "/api/v1/orders/{shopOrderId}",
  operationId: "putOrder",
  summary: "Create or replace an order",
  description:
    "Upserts the shop's order by its number (idempotent). The customer is named by portal id or by an e-mail address the customer has verified; an unknown or unverified one is CUSTOMER_UNKNOWN, without saying which. An order never moves to another customer.",
  scope: "orders:write",
  params: z.object({ shopOrderId: ShopOrderIdSchema }),
  body: { contentType: "application/json", schema: PutOrderSchema },
  ok: { description: "The order (201 created, 200 replaced).", schema: OrderSchema, statuses: [200, 201] },
  problems: ["NOT_FOUND", "CUSTOMER_UNKNOWN", "ORDER_OF_ANOTHER_CUSTOMER"],
});

registerKeyedWrite({
  method: "post",
  path: "/api/v1/orders/{shopOrderId}/shipments",
  operationId: "postShipment",
  summary: "Add a parcel to an order",
  description:
    "A parcel by carrier and tracking number; posting a known one for the same order answers it (200).",
  scope: "orders:write",
  params: z.object({ shopOrderId: ShopOrderIdSchema }),
  body: { contentType: "application/json", schema: PostShipmentSchema },
  ok: { description: "The shipment.", schema: ShipmentSchema, statuses: [200, 201] },
  problems: ["NOT_FOUND"],
});

registerKeyedWrite({
  method: "post",
  path: "/api/v1/shipments/{id}/events",
  operationId: "postShipmentEvent",
  summary: "Record a carrier event",
  description: `One event in the carrier's vocabulary, in any order: the shipment's and the order's status follow the latest event by eventAt. Codes: ${carrierCodes}.`,
  scope: "orders:write",
  params: z.object({ id: ShipmentIdSchema }),
  body: { contentType: "application/json", schema: PostShipmentEventSchema },
  ok: {
    description: "The event and the statuses after it.",
    schema: ShipmentEventSchema,
    statuses: [200, 201],
  },
  problems: ["NOT_FOUND"],
});

registerKeyedWrite({
  method: "put",
  path: "/api/v1/orders/{shopOrderId}/documents/{kind}",
  operationId: "putOrderDocument",
  summary: "Upload an order document (PDF)",
  description: `The raw PDF as the body, at most ${ORDER_DOCUMENT_MAX_BYTES} bytes; replaces the order's document of this kind. Served to the customer only as a download.`,
  scope: "orders:write",
  params: z.object({ shopOrderId: ShopOrderIdSchema, kind: OrderDocumentKindSchema }),
  body: { contentType: "application/pdf", schema: z.string().meta({ format: "binary" }) },
  ok: {
    description: "The stored document with its SHA-256.",
    schema: OrderDocumentSchema,
    statuses: [200, 201],
  },
  problems: ["NOT_FOUND", "UNSUPPORTED_MEDIA_TYPE"],
});
