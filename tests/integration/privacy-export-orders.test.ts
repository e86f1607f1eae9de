/**
 * Orders in "download my data" (decision 0066), on SQLite and PostgreSQL: the customer's own order
 * with items, address snapshot, masked payment, parcel events and the invoice by kind and hash
 * (never the PDF bytes), labelled in the HTML summary; another customer's order is not in it.
 * The customer's returns (decision 0062) are their own section: what was sent back of which order.
 */
import { createHash } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { customerOrder } from "@/lib/server/orders/customer-orders";
import { collectExportData, type ExportData } from "@/lib/server/privacy/export-data";
import { renderExportSummary, SUMMARY_SECTIONS } from "@/lib/server/privacy/export-summary";
import de from "@/messages/de.json";
import en from "@/messages/en.json";
import { db, customerWithData } from "../support/customer-with-data";

afterAll(() => db.$disconnect());

async function orderFor(userId: string, shopOrderId: string) {
  const address = {
    name: "Erika Export",
    street: "Heidestraße 17",
    postalCode: "51147",
    city: "Köln",
    country: "DE",
  };
  const content = new TextEncoder().encode(`%PDF-1.4\n% invoice-bytes-${shopOrderId}\n%%EOF\n`);
  return db.order.create({
    data: {
      shopOrderId,
      userId,
      status: "DELIVERED",
      shopStatus: "ORDERED",
      currency: "EUR",
      subtotalMinor: 3998,
      shippingMinor: 495,
      taxMinor: 717,
      totalMinor: 4493,
      paymentMethod: "card",
      paymentLast4: "4242",
      billingAddress: address,
      shippingAddress: address,
      placedAt: new Date("2026-12-01T08:30:00Z"),
      items: {
        create: [
          {
            position: 0,
            sku: "TSH-42",
            name: "T-Shirt",
            quantity: 2,
            unitPriceMinor: 1999,
            totalMinor: 3998,
          },
        ],
      },
      shipments: {
        create: [
          {
            carrier: "DHL",
            trackingNumber: `0034-${shopOrderId}`,
            status: "DELIVERED",
            events: {
              create: [
                {
                  status: "DELIVERED",
                  carrierCode: "delivered",
                  eventAt: new Date("2026-12-02T10:00:00Z"),
                  place: "Köln",
                },
              ],
            },
          },
        ],
      },
      documents: {
        create: [
          {
            kind: "invoice",
            content,
            sha256: createHash("sha256").update(content).digest("hex"),
            sizeBytes: content.byteLength,
          },
        ],
      },
    },
  });
}

/** A return of the order's only item, as `requestReturn` stores it. */
async function returnOf(order: { id: string; userId: string }, comment: string) {
  const item = await db.orderItem.findFirstOrThrow({ where: { orderId: order.id } });
  return db.returnRequest.create({
    data: {
      orderId: order.id,
      userId: order.userId,
      reason: "DAMAGED",
      comment,
      createdAt: new Date("2026-12-03T09:00:00Z"),
      items: { create: [{ orderItemId: item.id, quantity: 1 }] },
    },
  });
}

function summaryHtml(data: ExportData, messages: typeof de) {
  const summary = messages.account.privacy.export.summary;
  return renderExportSummary(data, {
    locale: "de",
    title: "t",
    generatedAt: "g",
    intro: "i",
    empty: "e",
    sections: Object.fromEntries(SUMMARY_SECTIONS.map((k) => [k, summary.sections[k]])) as Record<
      (typeof SUMMARY_SECTIONS)[number],
      string
    >,
    fields: summary.fields,
  });
}

describe("data export: orders", () => {
  it("carries the customer's own orders without the PDF bytes, labelled in German and English", async () => {
    const owner = await customerWithData();
    const other = await customerWithData();
    const mine = `SO-${owner.run}`;
    const theirs = `SO-${other.run}-X`;
    const order = await orderFor(owner.id, mine);
    await orderFor(other.id, theirs);

    const data = await collectExportData({ userId: owner.id }, { tx: db });
    const json = JSON.stringify(data);
    expect(data.orders).toHaveLength(1);
    expect(data.orders[0]).toMatchObject({
      shopOrderId: mine,
      paymentMethod: "card",
      paymentLast4: "4242",
      shippingAddress: { street: "Heidestraße 17" },
      items: [{ sku: "TSH-42", quantity: 2 }],
      shipments: [{ carrier: "DHL", events: [{ status: "DELIVERED", place: "Köln" }] }],
      documents: [{ kind: "invoice" }],
    });
    expect(json).not.toContain(theirs);
    // The export extends the order page's select (ORDER_FIELDS): what the page shows, the copy has.
    const shown = await customerOrder({ userId: owner.id, orderId: order.id }, { tx: db });
    expect(Object.keys(data.orders[0] as object)).toEqual(Object.keys(shown ?? {}));
    expect(data.orders[0]).toMatchObject({
      documents: [{ sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }],
    });
    expect(json).not.toContain("invoice-bytes");

    for (const messages of [de, en]) {
      const summary = messages.account.privacy.export.summary;
      const html = summaryHtml(data, messages);
      expect(html).toContain(`<h2>${summary.sections.orders}</h2>`);
      expect(html).toContain(`<th scope="col">${summary.fields.shopOrderId}</th>`);
      expect(html).toContain(mine);
    }
  });

  it("carries the customer's own returns with order number, reason, comment and items", async () => {
    const owner = await customerWithData();
    const other = await customerWithData();
    const mine = await orderFor(owner.id, `SO-${owner.run}-R`);
    const theirs = await orderFor(other.id, `SO-${other.run}-RX`);
    await returnOf(mine, `Karton nass ${owner.run}`);
    await returnOf(theirs, `Fremde Rücksendung ${other.run}`);

    const data = await collectExportData({ userId: owner.id }, { tx: db });
    expect(data.returns).toEqual([
      {
        shopOrderId: mine.shopOrderId,
        reason: "DAMAGED",
        comment: `Karton nass ${owner.run}`,
        status: "REQUESTED",
        requestedAt: "2026-12-03T09:00:00.000Z",
        items: [{ sku: "TSH-42", name: "T-Shirt", quantity: 1 }],
      },
    ]);
    expect(JSON.stringify(data)).not.toContain(`Fremde Rücksendung ${other.run}`);

    for (const messages of [de, en]) {
      const summary = messages.account.privacy.export.summary;
      const html = summaryHtml(data, messages);
      expect(html).toContain(`<h2>${summary.sections.returns}</h2>`);
      expect(html).toContain(`<th scope="col">${summary.fields.reason}</th>`);
      expect(html).toContain(`Karton nass ${owner.run}`);
    }
  });
});
