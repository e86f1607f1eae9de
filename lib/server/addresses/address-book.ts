import "server-only";
/** Reading a customer's address book. Every query filters by userId: an id alone finds nothing. */
import { db } from "@/lib/db";
import type { AddressType } from "@/lib/schemas/address";

export type AddressView = {
  id: string;
  type: AddressType;
  label: string | null;
  recipientName: string;
  company: string | null;
  street: string | null;
  houseNumber: string | null;
  addition: string | null;
  postalCode: string;
  city: string;
  region: string | null;
  country: string;
  packstationNumber: string | null;
  postNumber: string | null;
  postfilialeNumber: string | null;
  isDefaultShipping: boolean;
  isDefaultBilling: boolean;
};

export const ADDRESS_VIEW_SELECT = {
  id: true,
  type: true,
  label: true,
  recipientName: true,
  company: true,
  street: true,
  houseNumber: true,
  addition: true,
  postalCode: true,
  city: true,
  region: true,
  country: true,
  packstationNumber: true,
  postNumber: true,
  postfilialeNumber: true,
  isDefaultShipping: true,
  isDefaultBilling: true,
} as const;

/** Defaults first, then in the order they were added. */
export async function listAddresses(userId: string): Promise<AddressView[]> {
  return db.address.findMany({
    where: { userId },
    select: ADDRESS_VIEW_SELECT,
    orderBy: [
      { isDefaultShipping: "desc" },
      { isDefaultBilling: "desc" },
      { createdAt: "asc" },
      { id: "asc" },
    ],
  });
}

/** One of the customer's own addresses, or null (also for someone else's id). */
export async function getAddress(opts: { userId: string; addressId: string }): Promise<AddressView | null> {
  return db.address.findFirst({
    where: { id: opts.addressId, userId: opts.userId },
    select: ADDRESS_VIEW_SELECT,
  });
}

export async function countAddresses(userId: string): Promise<number> {
  return db.address.count({ where: { userId } });
}
