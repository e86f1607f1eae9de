/**
 * The order ingest API's requests and answers (docs/decisions/0060): the route handlers validate
 * with these and the OpenAPI document is generated from them. Payment data is masked by the
 * shape itself: a kind and at most the last four characters, nothing else is accepted.
 */
import { z } from "zod";
import { CARRIERS, ORDER_DOCUMENT_KINDS, ORDER_STATUSES, SHOP_ORDER_STATUSES } from "@/lib/config/orders";

/** An amount in the currency's minor unit (cents), never a float. */
const Minor = z.number().int().min(0).max(1_000_000_000_00);
const IsoTime = z.iso.datetime({ offset: true }).meta({ example: "2026-12-01T09:30:00+01:00" });

export const ShopOrderIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/)
  .meta({ description: "The shop's order number.", example: "SO-100234" });
export const ShipmentIdSchema = z
  .string()
  .min(1)
  .max(64)
  .meta({ description: "A shipment id from POST …/shipments." });
export const OrderDocumentKindSchema = z.enum(ORDER_DOCUMENT_KINDS).meta({ example: "invoice" });

export const OrderAddressSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    street: z.string().trim().min(1).max(200),
    postalCode: z.string().trim().min(1).max(20),
    city: z.string().trim().min(1).max(100),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .meta({ example: "DE" }),
  })
  .strict()
  .meta({ id: "OrderAddress" });
export type OrderAddress = z.infer<typeof OrderAddressSchema>;

export const PAYMENT_METHODS = [
  "card",
  "paypal",
  "invoice",
  "direct-debit",
  "klarna",
  "apple-pay",
  "google-pay",
] as const;

export const PutOrderSchema = z
  .object({
    customer: z
      .union([
        z.object({ id: z.string().min(1).max(64) }).strict(),
        z.object({ email: z.email().max(254) }).strict(),
      ])
      .meta({ description: "The customer by portal id, or by an e-mail address the customer has verified." }),
    status: z.enum(SHOP_ORDER_STATUSES).default("ORDERED"),
    placedAt: IsoTime,
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .meta({ example: "EUR" }),
    items: z
      .array(
        z
          .object({
            sku: z.string().trim().min(1).max(64),
            name: z.string().trim().min(1).max(200),
            quantity: z.number().int().min(1).max(10_000),
            unitPriceMinor: Minor,
            totalMinor: Minor,
          })
          .strict(),
      )
      .min(1)
      .max(200),
    totals: z
      .object({ subtotalMinor: Minor, shippingMinor: Minor, taxMinor: Minor, totalMinor: Minor })
      .strict(),
    payment: z
      .object({
        method: z.enum(PAYMENT_METHODS),
        last4: z
          .string()
          .regex(/^[0-9A-Za-z]{4}$/)
          .optional()
          .meta({ description: "At most the last four characters of the card or account." }),
      })
      .strict(),
    billingAddress: OrderAddressSchema,
    shippingAddress: OrderAddressSchema,
  })
  .strict()
  .meta({ id: "OrderInput" });
export type PutOrderInput = z.infer<typeof PutOrderSchema>;

export const OrderStatusSchema = z.enum(ORDER_STATUSES).meta({ id: "OrderStatus" });

export const OrderSchema = z
  .object({
    id: z.string(),
    shopOrderId: z.string(),
    customerId: z.string(),
    status: OrderStatusSchema,
    placedAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Order" });

export const PostShipmentSchema = z
  .object({
    carrier: z.enum(CARRIERS),
    trackingNumber: z
      .string()
      .regex(/^[A-Za-z0-9-]{4,40}$/)
      .meta({ example: "00340434161094042557" }),
  })
  .strict()
  .meta({ id: "ShipmentInput" });

export const ShipmentSchema = z
  .object({
    id: z.string(),
    shopOrderId: z.string(),
    carrier: z.enum(CARRIERS),
    trackingNumber: z.string(),
    status: OrderStatusSchema,
    trackingUrl: z.string(),
  })
  .meta({ id: "Shipment" });

export const PostShipmentEventSchema = z
  .object({
    code: z.string().min(1).max(40).meta({
      description: "The carrier's own status code (see the carrier tables in the reference).",
      example: "transit",
    }),
    eventAt: IsoTime,
    place: z.string().trim().min(1).max(120).optional(),
  })
  .strict()
  .meta({ id: "ShipmentEventInput" });

export const ShipmentEventSchema = z
  .object({
    id: z.string(),
    shipmentId: z.string(),
    status: OrderStatusSchema.meta({ description: "The event's code in the portal's status set." }),
    shipmentStatus: OrderStatusSchema.meta({
      description: "The shipment's status after this event (its latest event by eventAt).",
    }),
    orderStatus: OrderStatusSchema,
  })
  .meta({ id: "ShipmentEvent" });

export const OrderDocumentSchema = z
  .object({
    id: z.string(),
    kind: OrderDocumentKindSchema,
    sha256: z.string(),
    sizeBytes: z.number().int(),
  })
  .meta({ id: "OrderDocument" });

/**
 * The portal's own order id (a cuid) in the customer's URLs: not the shop's order number, so
 * nobody can walk the shop's numbering through the portal.
 */
export const OrderIdSchema = z.string().regex(/^[a-z0-9]{20,40}$/);

/** ?page= of /account/orders: anything odd reads as the first page. */
export const OrdersPageSchema = z.coerce.number().int().min(1).max(10_000).catch(1);
