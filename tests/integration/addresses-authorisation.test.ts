/**
 * A customer can never read or change another customer's address by changing an id
 * (docs/decisions/0011), on SQLite and PostgreSQL. Each server action runs for real, with a real session
 * row found through the (mocked) cookie store; only Next's request APIs are stand-ins. The page
 * /account/addresses/[id]/edit reads through getAddress, which is tried with the foreign id too.
 * The second block checks the address book's own rules: one default per kind, the limit of 20.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { SESSION_COOKIE } from "@/lib/auth/cookie-names";
import { hashToken, newSessionToken } from "@/lib/server/crypto/token-hash";
import { createPrismaClient } from "@/lib/db/prisma-client";
import {
  createAddressAction,
  deleteAddressAction,
  setDefaultAddressAction,
  updateAddressAction,
} from "@/lib/actions/addresses";
import { AddressSchema, EMPTY_ADDRESS_INPUT, MAX_ADDRESSES, type AddressInput } from "@/lib/schemas/address";
import { getAddress, listAddresses } from "@/lib/server/addresses/address-book";
import {
  createAddress,
  deleteAddress,
  setDefaultAddress,
  updateAddress,
} from "@/lib/server/addresses/manage-addresses";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { customerActor } from "@/lib/server/actor";

// Next's request-scoped APIs, replaced by a cookie jar and a redirect that throws what it was given.
const request = vi.hoisted(() => ({ cookies: new Map<string, string>() }));
const RedirectSignal = vi.hoisted(
  () =>
    class RedirectSignal extends Error {
      constructor(readonly url: string) {
        super(`redirect to ${url}`);
      }
    },
);
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) =>
      request.cookies.has(name) ? { name, value: request.cookies.get(name) } : undefined,
    set: (name: string, value: string) => void request.cookies.set(name, value),
  }),
  headers: async () => new Headers({ "user-agent": "vitest" }),
}));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new RedirectSignal(url);
  },
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const db = createPrismaClient();
const client: ClientInfo = {
  ip: "203.0.113.9",
  userAgent: "vitest",
  browser: null,
  os: null,
  location: null,
};

const STREET: AddressInput = {
  ...EMPTY_ADDRESS_INPUT,
  recipientName: "Erika Mustermann",
  street: "Heidestraße",
  houseNumber: "17",
  postalCode: "51147",
  city: "Köln",
};
const PACKSTATION: AddressInput = {
  ...EMPTY_ADDRESS_INPUT,
  type: "PACKSTATION",
  recipientName: "Erika Mustermann",
  packstationNumber: "123",
  postNumber: "12345678",
  postalCode: "10115",
  city: "Berlin",
};

async function customer() {
  const email = `addresses.${Date.now()}.${Math.random().toString(36).slice(2)}@example.com`;
  const user = await db.user.create({
    data: { email, emailNormalized: email, roles: { create: { role: "CUSTOMER" } } },
  });
  return user.id;
}

/** Signs "this request" in as the user: a real session row, its token in the cookie jar. */
async function signInAs(userId: string) {
  const token = newSessionToken();
  const now = Date.now();
  await db.session.create({
    data: {
      tokenHash: hashToken(token),
      userId,
      idleExpiresAt: new Date(now + 3_600_000),
      absoluteExpiresAt: new Date(now + 86_400_000),
      authMethods: ["pwd"],
    },
  });
  request.cookies.set(SESSION_COOKIE, token);
}

async function addAddress(userId: string, input: AddressInput = STREET) {
  const result = await createAddress({
    actor: customerActor(userId, client),
    address: AddressSchema.parse(input),
  });
  if (!result.ok) throw new Error(result.code);
  return result.addressId;
}

/** Runs an action that must end in a redirect and returns where it pointed. */
async function redirectOf(action: () => Promise<unknown>): Promise<string> {
  try {
    await action();
  } catch (error) {
    if (error instanceof RedirectSignal) return error.url;
    throw error;
  }
  throw new Error("the action did not redirect");
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

const auditCount = (userId: string) =>
  db.auditEvent.count({ where: { subjectUserId: userId, type: { startsWith: "address." } } });

beforeEach(() => request.cookies.clear());

describe("address actions with another customer's id", () => {
  it("read, update, delete and set-default all leave the foreign address untouched", async () => {
    const alice = await customer();
    const bob = await customer();
    const alicesAddress = await addAddress(alice);
    const bobsAddress = await addAddress(bob, {
      ...STREET,
      recipientName: "Bob Beispiel",
      isDefaultShipping: false,
    });
    const bobsBefore = await db.address.findUniqueOrThrow({ where: { id: bobsAddress } });
    const bobsAudit = await auditCount(bob);
    await signInAs(alice);

    // Reading: the edit page's lookup and the list.
    expect(await getAddress({ userId: alice, addressId: bobsAddress })).toBeNull();
    expect((await listAddresses(alice)).map((a) => a.id)).toEqual([alicesAddress]);

    // Changing, through every action.
    expect(await updateAddressAction(null, bobsAddress, { ...STREET, recipientName: "Gekapert" })).toEqual({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await redirectOf(() => deleteAddressAction(form({ addressId: bobsAddress })))).toBe(
      "/account/addresses?notice=not-found",
    );
    for (const kind of ["shipping", "billing"])
      expect(await redirectOf(() => setDefaultAddressAction(form({ addressId: bobsAddress, kind })))).toBe(
        "/account/addresses?notice=not-found",
      );

    expect(await db.address.findUniqueOrThrow({ where: { id: bobsAddress } })).toEqual(bobsBefore);
    expect(await auditCount(bob)).toBe(bobsAudit);
    expect((await listAddresses(alice)).map((a) => a.id)).toEqual([alicesAddress]);
  });

  it("the same actions work on the customer's own address (the check above can fail)", async () => {
    const alice = await customer();
    const own = await addAddress(alice, { ...STREET, isDefaultShipping: false });
    await signInAs(alice);

    await expect(
      redirectOf(() => updateAddressAction(null, own, { ...STREET, city: "Bonn", postalCode: "53111" })),
    ).resolves.toBe("/account/addresses?notice=updated");
    expect(await getAddress({ userId: alice, addressId: own })).toMatchObject({ city: "Bonn" });
    expect(await redirectOf(() => setDefaultAddressAction(form({ addressId: own, kind: "shipping" })))).toBe(
      "/account/addresses?notice=default-shipping",
    );
    expect(await redirectOf(() => deleteAddressAction(form({ addressId: own })))).toBe(
      "/account/addresses?notice=deleted",
    );
    expect(await db.address.count({ where: { userId: alice } })).toBe(0);
    expect(await auditCount(alice)).toBe(4); // created, updated, defaults_changed, deleted
  });

  it("the domain functions refuse a foreign id even when called directly", async () => {
    const alice = await customer();
    const bob = await customer();
    const bobsAddress = await addAddress(bob);
    const actor = customerActor(alice, client);
    expect(
      await updateAddress({ actor, addressId: bobsAddress, address: AddressSchema.parse(PACKSTATION) }),
    ).toEqual({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await setDefaultAddress({ actor, addressId: bobsAddress, kind: "billing" })).toEqual({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await deleteAddress({ actor, addressId: bobsAddress })).toBe(false);
    expect(await getAddress({ userId: bob, addressId: bobsAddress })).toMatchObject({ type: "STREET" });
  });

  it("an action without a session sends to the sign-in page and changes nothing", async () => {
    const bob = await customer();
    const bobsAddress = await addAddress(bob);
    expect(await redirectOf(() => deleteAddressAction(form({ addressId: bobsAddress })))).toMatch(
      /^\/login\?/,
    );
    expect(await redirectOf(() => createAddressAction(null, STREET))).toMatch(/^\/login\?/);
    expect(await db.address.count({ where: { id: bobsAddress } })).toBe(1);
  });
});

describe("address book rules", () => {
  it("keeps one default per kind: a new default clears the previous one in the same transaction", async () => {
    const alice = await customer();
    const bob = await customer();
    const bobsDefault = await addAddress(bob, { ...STREET, isDefaultShipping: true, isDefaultBilling: true });
    const first = await addAddress(alice, { ...STREET, isDefaultShipping: true, isDefaultBilling: true });
    const packstation = await addAddress(alice, { ...PACKSTATION, isDefaultShipping: true });
    const flags = async (id: string) =>
      db.address.findUniqueOrThrow({
        where: { id },
        select: { isDefaultShipping: true, isDefaultBilling: true },
      });

    expect(await flags(first)).toEqual({ isDefaultShipping: false, isDefaultBilling: true });
    expect(await flags(packstation)).toEqual({ isDefaultShipping: true, isDefaultBilling: false });
    expect(
      await setDefaultAddress({
        actor: customerActor(alice, client),
        addressId: packstation,
        kind: "billing",
      }),
    ).toEqual({
      ok: false,
      code: "BILLING_NEEDS_STREET",
    });
    expect(
      await setDefaultAddress({ actor: customerActor(alice, client), addressId: first, kind: "shipping" }),
    ).toEqual({
      ok: true,
    });
    expect(await flags(first)).toEqual({ isDefaultShipping: true, isDefaultBilling: true });
    expect(await flags(packstation)).toEqual({ isDefaultShipping: false, isDefaultBilling: false });
    // Another customer's defaults are not theirs to clear.
    expect(await flags(bobsDefault)).toEqual({ isDefaultShipping: true, isDefaultBilling: true });
    const event = await db.auditEvent.findFirstOrThrow({
      where: { subjectUserId: alice, type: "address.defaults_changed" },
      orderBy: { sequence: "desc" },
    });
    expect(event.metadata).toEqual({ kind: "shipping", previousAddressId: packstation });
  });

  it(`allows at most ${MAX_ADDRESSES} addresses`, async () => {
    const alice = await customer();
    for (let i = 0; i < MAX_ADDRESSES; i++) await addAddress(alice, { ...STREET, label: `Adresse ${i + 1}` });
    expect(
      await createAddress({ actor: customerActor(alice, client), address: AddressSchema.parse(STREET) }),
    ).toEqual({ ok: false, code: "LIMIT_REACHED" });
    expect(await db.address.count({ where: { userId: alice } })).toBe(MAX_ADDRESSES);
  });
});
