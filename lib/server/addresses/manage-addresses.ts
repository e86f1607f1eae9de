import "server-only";
/**
 * Changes to a customer's address book, each in one transaction with its audit event. Every
 * lookup filters by the acting customer's id, so a foreign address id behaves like a missing one.
 * Audit metadata names fields and types, never the address itself (it outlives erasure).
 */
import { db, type Tx } from "@/lib/db";
import { MAX_ADDRESSES, type Address, type DefaultKind } from "@/lib/schemas/address";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import type { CustomerActor } from "@/lib/server/actor";

/**
 * Serialises address-book changes of one customer: on PostgreSQL the row lock on the user is held
 * until commit, so two concurrent requests can neither exceed the limit nor leave two defaults
 * (SQLite serialises writers anyway).
 */
async function lockAddressBook(tx: Tx, userId: string): Promise<void> {
  await tx.user.update({ where: { id: userId }, data: { updatedAt: new Date() }, select: { id: true } });
}

/** Clears the flag on every other address of the customer ("one default per kind"). */
async function clearOtherDefaults(tx: Tx, userId: string, keepId: string, kind: DefaultKind): Promise<void> {
  const flag = kind === "shipping" ? "isDefaultShipping" : "isDefaultBilling";
  await tx.address.updateMany({
    where: { userId, id: { not: keepId }, [flag]: true },
    data: { [flag]: false },
  });
}

async function applyDefaults(tx: Tx, userId: string, addressId: string, address: Address): Promise<void> {
  if (address.isDefaultShipping) await clearOtherDefaults(tx, userId, addressId, "shipping");
  if (address.isDefaultBilling) await clearOtherDefaults(tx, userId, addressId, "billing");
}

function auditBase(actor: CustomerActor, addressId: string) {
  return { actor, subject: actor.userId, target: { type: "Address", id: addressId } };
}

export type CreateAddressResult = { ok: true; addressId: string } | { ok: false; code: "LIMIT_REACHED" };

export async function createAddress(opts: {
  actor: CustomerActor;
  address: Address;
}): Promise<CreateAddressResult> {
  const { actor, address } = opts;
  return db.$transaction(async (tx) => {
    await lockAddressBook(tx, actor.userId);
    if ((await tx.address.count({ where: { userId: actor.userId } })) >= MAX_ADDRESSES)
      return { ok: false, code: "LIMIT_REACHED" } as const;
    const created = await tx.address.create({
      data: { ...address, userId: actor.userId },
      select: { id: true },
    });
    await applyDefaults(tx, actor.userId, created.id, address);
    await writeAuditEvent(tx, {
      type: "address.created",
      ...auditBase(actor, created.id),
      metadata: {
        addressType: address.type,
        country: address.country,
        isDefaultShipping: address.isDefaultShipping,
        isDefaultBilling: address.isDefaultBilling,
      },
    });
    return { ok: true, addressId: created.id } as const;
  });
}

export type UpdateAddressResult = { ok: true; changedFields: string[] } | { ok: false; code: "NOT_FOUND" };

export async function updateAddress(opts: {
  actor: CustomerActor;
  addressId: string;
  address: Address;
}): Promise<UpdateAddressResult> {
  const { actor, addressId, address } = opts;
  return db.$transaction(async (tx) => {
    await lockAddressBook(tx, actor.userId);
    const existing = await tx.address.findFirst({ where: { id: addressId, userId: actor.userId } });
    if (!existing) return { ok: false, code: "NOT_FOUND" } as const;
    const changedFields = (Object.keys(address) as (keyof Address)[]).filter(
      (k) => existing[k] !== address[k],
    );
    if (changedFields.length === 0) return { ok: true, changedFields } as const;
    // updateMany with the owner in the where clause: the write itself cannot touch a foreign row.
    await tx.address.updateMany({ where: { id: addressId, userId: actor.userId }, data: address });
    await applyDefaults(tx, actor.userId, addressId, address);
    await writeAuditEvent(tx, {
      type: "address.updated",
      ...auditBase(actor, addressId),
      metadata: { changedFields, addressType: address.type, country: address.country },
    });
    return { ok: true, changedFields } as const;
  });
}

/** Deletes one of the customer's addresses; false when there is no such address of theirs. */
export async function deleteAddress(opts: { actor: CustomerActor; addressId: string }): Promise<boolean> {
  const { actor, addressId } = opts;
  return db.$transaction(async (tx) => {
    const existing = await tx.address.findFirst({
      where: { id: addressId, userId: actor.userId },
      select: { type: true, country: true, isDefaultShipping: true, isDefaultBilling: true },
    });
    if (!existing) return false;
    const { count } = await tx.address.deleteMany({ where: { id: addressId, userId: actor.userId } });
    if (count === 0) return false;
    await writeAuditEvent(tx, {
      type: "address.deleted",
      ...auditBase(actor, addressId),
      metadata: {
        addressType: existing.type,
        country: existing.country,
        wasDefaultShipping: existing.isDefaultShipping,
        wasDefaultBilling: existing.isDefaultBilling,
      },
    });
    return true;
  });
}

export type SetDefaultResult = { ok: true } | { ok: false; code: "NOT_FOUND" | "BILLING_NEEDS_STREET" };

/** Makes one address the default for shipping or billing and clears the previous one. */
export async function setDefaultAddress(opts: {
  actor: CustomerActor;
  addressId: string;
  kind: DefaultKind;
}): Promise<SetDefaultResult> {
  const { actor, addressId, kind } = opts;
  const flag = kind === "shipping" ? "isDefaultShipping" : "isDefaultBilling";
  return db.$transaction(async (tx) => {
    await lockAddressBook(tx, actor.userId);
    const address = await tx.address.findFirst({
      where: { id: addressId, userId: actor.userId },
      select: { type: true, isDefaultShipping: true, isDefaultBilling: true },
    });
    if (!address) return { ok: false, code: "NOT_FOUND" } as const;
    if (kind === "billing" && address.type !== "STREET")
      return { ok: false, code: "BILLING_NEEDS_STREET" } as const;
    if (address[flag]) return { ok: true } as const;
    const previous = await tx.address.findFirst({
      where: { userId: actor.userId, [flag]: true },
      select: { id: true },
    });
    await clearOtherDefaults(tx, actor.userId, addressId, kind);
    await tx.address.updateMany({ where: { id: addressId, userId: actor.userId }, data: { [flag]: true } });
    await writeAuditEvent(tx, {
      type: "address.defaults_changed",
      ...auditBase(actor, addressId),
      metadata: { kind, previousAddressId: previous?.id ?? null },
    });
    return { ok: true } as const;
  });
}
