/**
 * Orders from the shop (docs/decisions/0060): the portal's one status set, the carriers' own
 * vocabularies mapped onto it, tracking links, document kinds and the upload limit. Plain module:
 * the API schemas, the domain and the customer's pages read it.
 */

/** The statuses a customer sees, in the order a parcel normally passes them. */
export const ORDER_STATUSES = [
  "ORDERED",
  "SHIPPED",
  "IN_TRANSIT",
  "OUT_FOR_DELIVERY",
  "DELIVERED",
  "PROBLEM",
  "RETURNED",
  "CANCELLED",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** What the shop itself says about an order; shipping states come from carrier events. */
export const SHOP_ORDER_STATUSES = ["ORDERED", "CANCELLED"] as const;
export type ShopOrderStatus = (typeof SHOP_ORDER_STATUSES)[number];

export const CARRIERS = ["DHL", "DPD", "HERMES", "UPS"] as const;
export type Carrier = (typeof CARRIERS)[number];

/**
 * Each carrier's event codes (as the shop forwards them from the carrier's tracking API) → the
 * portal's status. A code not in the table is refused (422), so a new carrier code is a change
 * here rather than a parcel silently stuck in the wrong status.
 */
export const CARRIER_STATUS_CODES: Record<
  Carrier,
  Record<string, Exclude<OrderStatus, "ORDERED" | "CANCELLED">>
> = {
  // DHL Shipment Tracking – Unified API `status.statusCode`, plus the detail codes shops forward
  DHL: {
    "pre-transit": "SHIPPED",
    transit: "IN_TRANSIT",
    "out-for-delivery": "OUT_FOR_DELIVERY",
    delivered: "DELIVERED",
    failure: "PROBLEM",
    returned: "RETURNED",
  },
  // DPD parcel lifecycle states
  DPD: {
    accepted: "SHIPPED",
    at_sending_depot: "IN_TRANSIT",
    on_the_road: "IN_TRANSIT",
    at_delivery_depot: "IN_TRANSIT",
    out_for_delivery: "OUT_FOR_DELIVERY",
    delivered: "DELIVERED",
    not_delivered: "PROBLEM",
    returned: "RETURNED",
  },
  // Hermes Sendungsverfolgung status names
  HERMES: {
    UEBERNOMMEN: "SHIPPED",
    SORTIERT: "IN_TRANSIT",
    IM_ZUSTELLGEBIET: "IN_TRANSIT",
    IN_ZUSTELLUNG: "OUT_FOR_DELIVERY",
    ZUGESTELLT: "DELIVERED",
    NICHT_ZUSTELLBAR: "PROBLEM",
    RUECKSENDUNG: "RETURNED",
  },
  // UPS Tracking API `status.type`
  UPS: {
    M: "SHIPPED",
    P: "SHIPPED",
    I: "IN_TRANSIT",
    O: "OUT_FOR_DELIVERY",
    D: "DELIVERED",
    X: "PROBLEM",
    RS: "RETURNED",
  },
};

/** The portal's status for a carrier's code, or null for a code the table does not know. */
export function statusForCarrierCode(carrier: Carrier, code: string): OrderStatus | null {
  return Object.hasOwn(CARRIER_STATUS_CODES[carrier], code) ? CARRIER_STATUS_CODES[carrier][code]! : null;
}

/** The carrier's public tracking page for a parcel (the number is URL-encoded). */
export function trackingUrl(carrier: Carrier, trackingNumber: string): string {
  const n = encodeURIComponent(trackingNumber);
  switch (carrier) {
    case "DHL":
      return `https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode=${n}`;
    case "DPD":
      return `https://tracking.dpd.de/status/de_DE/parcel/${n}`;
    case "HERMES":
      return `https://www.myhermes.de/empfangen/sendungsverfolgung/sendungsinformation/#${n}`;
    case "UPS":
      return `https://www.ups.com/track?tracknum=${n}`;
  }
}

export const ORDER_DOCUMENT_KINDS = ["invoice", "credit-note", "delivery-note"] as const;
export type OrderDocumentKind = (typeof ORDER_DOCUMENT_KINDS)[number];

/** The largest PDF the shop may upload: invoices are small; this keeps a blob row bounded. */
export const ORDER_DOCUMENT_MAX_BYTES = 5 * 1024 * 1024;

/** Orders per page of /account/orders. */
export const ORDERS_PAGE_SIZE = 20;

/**
 * Returns (docs/decisions/0062): the reasons a customer picks from (the shop receives the code;
 * the wording is in messages/*.json) and the window after delivery in which a return is offered.
 * 30 days covers the 14-day statutory withdrawal period with the shop's goodwill on top.
 */
export const RETURN_REASONS = [
  "DAMAGED",
  "WRONG_ITEM",
  "NOT_AS_DESCRIBED",
  "NO_LONGER_NEEDED",
  "OTHER",
] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];

export const RETURN_WINDOW_DAYS = 30;

/** The longest comment a customer may add to a return. */
export const RETURN_COMMENT_MAX_LENGTH = 500;
