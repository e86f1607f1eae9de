/**
 * Every customer action wrapped with idempotentAction (docs/decisions/0072), as one table for
 * tests/integration/action-idempotency.test.ts: how to prepare what the action needs for a signed-in
 * customer, the arguments a form sends after the key, what a success answers, and how to count the
 * rows a duplicate would add. A newly wrapped action gets its row here, and every generic case
 * (same key twice, another customer's key) runs for it.
 */
import { createAddressAction } from "@/lib/actions/addresses";
import { addBankAccountAction, changeBankAccountAction } from "@/lib/actions/payment";
import { requestReturnAction } from "@/lib/actions/returns";
import type { Db } from "@/lib/db/prisma-client";
import { EMPTY_ADDRESS_INPUT, type AddressInput } from "@/lib/schemas/address";
import { addBankFor, enableTotp, unique } from "./customers";

export const STREET: AddressInput = {
  ...EMPTY_ADDRESS_INPUT,
  recipientName: "Erika Mustermann",
  street: "Heidestraße",
  houseNumber: "17",
  postalCode: "51147",
  city: "Köln",
};

const DAY = 24 * 60 * 60 * 1000;

/** What an action's call came to: its ActionResult, or the redirect it ended with. */
export type Settled = unknown;

/** Runs a call and settles it: a redirect (Next's signal carries the url) counts as its answer. */
export async function settle(call: Promise<unknown>): Promise<Settled> {
  try {
    return await call;
  } catch (error) {
    const url = (error as { url?: unknown }).url;
    if (typeof url === "string") return { redirect: url };
    throw error;
  }
}

export type Prepared = {
  /** The arguments after the key, exactly as the form sends them. */
  args: unknown[];
  call: (key: string) => Promise<unknown>;
  /** The rows a second run of the action would add. */
  rows: () => Promise<number>;
};

export type WrappedAction = {
  name: string;
  prepare: (db: Db, userId: string) => Promise<Prepared>;
  /** Whether a settled answer is this action's success. */
  succeeded: (settled: Settled) => boolean;
};

/** A delivered order of the customer, delivered yesterday, so a return is within its window. */
async function deliveredOrder(db: Db, userId: string) {
  const address = {
    name: "Erika Muster",
    street: "Heidestraße 17",
    postalCode: "51147",
    city: "Köln",
    country: "DE",
  };
  return db.order.create({
    data: {
      shopOrderId: `SO-${unique().replace(/[^A-Za-z0-9]/g, "")}`,
      userId,
      status: "DELIVERED",
      shopStatus: "ORDERED",
      currency: "EUR",
      subtotalMinor: 3998,
      shippingMinor: 0,
      taxMinor: 638,
      totalMinor: 3998,
      paymentMethod: "card",
      billingAddress: address,
      shippingAddress: address,
      placedAt: new Date(Date.now() - 3 * DAY),
      items: {
        create: [
          {
            position: 1,
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
            trackingNumber: `0034-${unique()}`,
            status: "DELIVERED",
            events: {
              create: [
                { status: "DELIVERED", carrierCode: "delivered", eventAt: new Date(Date.now() - DAY) },
              ],
            },
          },
        ],
      },
    },
    include: { items: true },
  });
}

const ok = (settled: Settled) => (settled as { ok?: unknown }).ok === true;

export const WRAPPED_ACTIONS: WrappedAction[] = [
  {
    name: "createAddressAction",
    prepare: async (db, userId) => ({
      args: [STREET],
      call: (key) => createAddressAction(key, STREET),
      rows: () => db.address.count({ where: { userId } }),
    }),
    succeeded: (settled) =>
      (settled as { redirect?: string }).redirect === "/account/addresses?notice=created",
  },
  {
    name: "addBankAccountAction",
    prepare: async (db, userId) => {
      const input = {
        holderName: "Erika Mustermann",
        iban: "DE89370400440532013000",
        bic: "",
        grantMandate: false,
      };
      return {
        args: [input],
        call: (key) => addBankAccountAction(key, input),
        rows: () => db.bankAccount.count({ where: { userId } }),
      };
    },
    succeeded: ok,
  },
  {
    // A customer with an authenticator app: a new IBAN opens a transaction confirmation, and a
    // second run would open a second one beside it.
    name: "changeBankAccountAction",
    prepare: async (db, userId) => {
      const user = await db.user.findUniqueOrThrow({
        where: { id: userId },
        select: { id: true, email: true },
      });
      await enableTotp(db, user);
      const bankAccountId = await addBankFor(db, user);
      const input = {
        bankAccountId,
        holderName: "Erika Mustermann",
        iban: "AT611904300234573201",
        bic: "",
        grantMandate: false,
      };
      return {
        args: [input],
        call: (key) => changeBankAccountAction(key, input),
        rows: () => db.transactionConfirmation.count({ where: { userId } }),
      };
    },
    succeeded: (settled) => (settled as { data?: { next?: string } }).data?.next === "confirm",
  },
  {
    name: "requestReturnAction",
    prepare: async (db, userId) => {
      const order = await deliveredOrder(db, userId);
      // One of two: a second run would find one left and store a second return.
      const input = {
        orderId: order.id,
        items: [{ orderItemId: order.items[0]!.id, quantity: 1 }],
        reason: "NO_LONGER_NEEDED" as const,
        comment: "",
      };
      return {
        args: [input],
        call: (key) => requestReturnAction(key, input),
        rows: () => db.returnRequest.count({ where: { userId } }),
      };
    },
    succeeded: ok,
  },
];
