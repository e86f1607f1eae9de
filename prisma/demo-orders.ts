/**
 * The demo shop's orders: what the seed gives the demo customer (seed-orders.ts) and what
 * `npm run demo:shop` plays through the real API (scripts/demo-shop.ts), and the invoice PDF both
 * attach, drawn with pdf-lib. Plain module (no database, no server code) so both can use it.
 */
import { PDFDocument, StandardFonts } from "pdf-lib";

export type DemoOrderItem = { sku: string; name: string; quantity: number; unitPriceMinor: number };
export type DemoOrder = {
  shopOrderId: string;
  placedAt: Date;
  items: DemoOrderItem[];
  shippingMinor: number;
  payment: { method: "card" | "paypal" | "invoice"; last4?: string };
};

export const DEMO_ADDRESS = {
  name: "Erika Mustermann",
  street: "Musterstraße 12",
  postalCode: "10115",
  city: "Berlin",
  country: "DE",
};

/** German VAT included in gross prices (19 %), as a shop's invoice states it. */
const VAT_RATE = 0.19;

export function demoTotals(order: DemoOrder) {
  const subtotalMinor = order.items.reduce((sum, item) => sum + item.quantity * item.unitPriceMinor, 0);
  const totalMinor = subtotalMinor + order.shippingMinor;
  const taxMinor = Math.round(totalMinor - totalMinor / (1 + VAT_RATE));
  return { subtotalMinor, shippingMinor: order.shippingMinor, taxMinor, totalMinor };
}

const DAY = 24 * 3_600_000;

/** Past orders: placed weeks ago, delivered by DHL, each with its invoice. */
export function pastDemoOrders(now: Date): DemoOrder[] {
  return [
    {
      shopOrderId: "DEMO-1001",
      placedAt: new Date(now.getTime() - 41 * DAY),
      items: [
        { sku: "WSH-200", name: "Wanderschuhe Alpin, Gr. 39", quantity: 1, unitPriceMinor: 12_995 },
        { sku: "SOC-3P", name: "Wandersocken, 3 Paar", quantity: 2, unitPriceMinor: 1_499 },
      ],
      shippingMinor: 0,
      payment: { method: "paypal" },
    },
    {
      shopOrderId: "DEMO-1002",
      placedAt: new Date(now.getTime() - 9 * DAY),
      items: [{ sku: "TH-075", name: "Thermosflasche 0,75 l", quantity: 1, unitPriceMinor: 2_495 }],
      shippingMinor: 495,
      payment: { method: "card", last4: "4242" },
    },
  ];
}

/** The order `npm run demo:shop` places now and then ships, step by step. */
export function liveDemoOrder(now: Date): DemoOrder {
  const stamp = now.toISOString().slice(0, 16).replace(/\D/g, "");
  return {
    shopOrderId: `DEMO-${stamp}`,
    placedAt: now,
    items: [
      { sku: "RCK-30", name: "Tagesrucksack 30 l", quantity: 1, unitPriceMinor: 7_995 },
      { sku: "CAP-01", name: "Sonnenkappe", quantity: 1, unitPriceMinor: 1_995 },
    ],
    shippingMinor: 495,
    payment: { method: "invoice" },
  };
}

/** The DHL steps of a parcel from the shop's depot to the door: code, place, hours after dispatch. */
export const DEMO_PARCEL_STEPS = [
  { code: "pre-transit", place: "Hamburg", hours: 0 },
  { code: "transit", place: "Paketzentrum Börnicke", hours: 14 },
  { code: "out-for-delivery", place: "Berlin", hours: 20 },
  { code: "delivered", place: "Berlin", hours: 23 },
] as const;

function euro(minor: number): string {
  return `${(minor / 100).toFixed(2).replace(".", ",")} EUR`;
}

/** A one-page invoice (German), as a shop's invoice system would make it. */
export async function demoInvoicePdf(order: DemoOrder): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Rechnung ${order.shopOrderId}`);
  pdf.setCreator("Demo-Shop (Kundenportal)");
  const page = pdf.addPage([595, 842]); // A4 in points
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  let y = 780;
  const line = (text: string, opts: { x?: number; size?: number; strong?: boolean } = {}) => {
    page.drawText(text, { x: opts.x ?? 56, y, size: opts.size ?? 11, font: opts.strong ? bold : font });
  };
  line(`Rechnung zu Bestellung ${order.shopOrderId}`, { size: 18, strong: true });
  y -= 28;
  line(`Rechnungsdatum: ${order.placedAt.toISOString().slice(0, 10)}`);
  y -= 16;
  for (const part of [
    DEMO_ADDRESS.name,
    DEMO_ADDRESS.street,
    `${DEMO_ADDRESS.postalCode} ${DEMO_ADDRESS.city}`,
  ]) {
    line(part);
    y -= 16;
  }
  y -= 20;
  for (const item of order.items) {
    line(`${item.quantity} × ${item.name}`);
    line(euro(item.quantity * item.unitPriceMinor), { x: 440 });
    y -= 18;
  }
  const totals = demoTotals(order);
  y -= 10;
  line("Versand");
  line(euro(totals.shippingMinor), { x: 440 });
  y -= 18;
  line("Gesamtbetrag", { strong: true });
  line(euro(totals.totalMinor), { x: 440, strong: true });
  y -= 16;
  line(`darin 19 % USt.: ${euro(totals.taxMinor)}`, { size: 9 });
  return pdf.save();
}
