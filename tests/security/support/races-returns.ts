/**
 * The returns limiter (docs/decisions/0062), raced like the others in races.ts: a customer with a
 * delivered order of plenty fires returns of one item each at once; each one that passes is a
 * stored return and a webhook to the shop.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { e2eDb } from "../../e2e/support/users";
import { createActor, signedInClient } from "./actors";
import { judged, succeeded, type Race } from "./races";

async function deliveredOrder(userId: string) {
  const address = {
    name: "Erika Muster",
    street: "Heidestraße 17",
    postalCode: "51147",
    city: "Köln",
    country: "DE",
  };
  return e2eDb().order.create({
    data: {
      shopOrderId: `R-${randomBytes(8).toString("hex")}`,
      userId,
      status: "DELIVERED",
      shopStatus: "ORDERED",
      currency: "EUR",
      subtotalMinor: 10_000,
      shippingMinor: 0,
      taxMinor: 1_597,
      totalMinor: 10_000,
      paymentMethod: "invoice",
      billingAddress: address,
      shippingAddress: address,
      placedAt: new Date(),
      items: {
        create: [
          { position: 0, sku: "R-1", name: "Socken", quantity: 100, unitPriceMinor: 100, totalMinor: 10_000 },
        ],
      },
      shipments: {
        create: [
          {
            carrier: "DHL",
            trackingNumber: `race-${randomBytes(6).toString("hex")}`,
            status: "DELIVERED",
            events: { create: [{ status: "DELIVERED", carrierCode: "delivered", eventAt: new Date() }] },
          },
        ],
      },
    },
    include: { items: true },
  });
}

export const RETURN_RACES: Race[] = [
  {
    policy: "returnRequest",
    what: "returns of one item each",
    burst: 15,
    prepare: async () => {
      const actor = await createActor("CUSTOMER");
      const order = await deliveredOrder(actor.id);
      const { client } = await signedInClient(actor.id);
      const items = [{ orderItemId: order.items[0]!.id, quantity: 1 }];
      return async () =>
        judged(
          await client.action("requestReturnAction", [
            // A fresh key per request, as the form sends per submission (decision 0072).
            randomUUID(),
            { orderId: order.id, items, reason: "NO_LONGER_NEEDED" },
          ]),
          succeeded,
        );
    },
  },
];
