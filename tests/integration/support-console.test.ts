/**
 * The support console's domain (docs/decisions/0042) on SQLite and PostgreSQL: the search pages by
 * keyset through names that many customers share, reads a typed phone prefix as E.164 and lists no
 * staff; the file is refused before a reason is given; lock ends sessions, unlock lets them in.
 */
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma-client";
import type { StaffActor } from "@/lib/server/actor";
import { createSession } from "@/lib/server/sessions/sessions";
import { hasOpenAccess, openCustomer } from "@/lib/server/support/access";
import { lockCustomer, unlockCustomer } from "@/lib/server/support/account-actions";
import { phonePrefix, searchCustomers } from "@/lib/server/support/search";
import { client, unique } from "../support/customers";

const db = createPrismaClient();
afterAll(() => db.$disconnect());

async function person(opts: {
  role?: "CUSTOMER" | "SUPPORT";
  name?: string;
  phone?: string;
  email?: string;
}) {
  const email = opts.email ?? `person.${unique()}@example.com`;
  const [first, last] = (opts.name ?? "").split(" ");
  return db.user.create({
    data: {
      email,
      emailNormalized: email.toLowerCase(),
      roles: { create: [{ role: opts.role ?? "CUSTOMER" }] },
      profile:
        opts.name || opts.phone
          ? {
              create: {
                firstName: first ?? null,
                lastName: last ?? null,
                nameNormalized: opts.name?.toLowerCase() ?? null,
                phoneE164: opts.phone ?? null,
              },
            }
          : undefined,
    },
  });
}

async function agent(): Promise<StaffActor> {
  const user = await person({ role: "SUPPORT" });
  return { kind: "staff", userId: user.id, role: "SUPPORT", sessionId: null, client };
}

describe("support search", () => {
  it("pages through 25 customers of one name by cursor, each exactly once, and lists no staff", async () => {
    const surname = `Zettel${unique().replace(/\W/g, "").slice(-8)}`;
    const ids = new Set<string>();
    for (let i = 0; i < 25; i++) ids.add((await person({ name: `Anna ${surname}` })).id);
    await person({ role: "SUPPORT", name: `Anna ${surname}` });
    const first = await searchCustomers({ by: "name", q: `ANNA ${surname.slice(0, 6)}` });
    // A page reads 21 index entries; the staff member among them is dropped, not replaced.
    expect(first.hits.length).toBeGreaterThanOrEqual(19);
    expect(first.next).not.toBeNull();
    const second = await searchCustomers({
      by: "name",
      q: `anna ${surname.slice(0, 6)}`,
      after: first.next!,
    });
    const seen = [...first.hits, ...second.hits].map((h) => h.id);
    expect(new Set(seen)).toEqual(ids);
    expect(seen).toHaveLength(25);
    expect(second.next).toBeNull();
  });

  it("finds by the start of the address, case-insensitively, and by a phone prefix typed the German way", async () => {
    const tag = unique().replace(/\W/g, "").slice(-10);
    const customer = await person({
      email: `Suche.${tag}@Example.com`,
      phone: `+49170${tag.replace(/\D/g, "0").slice(0, 7)}`,
    });
    const byMail = await searchCustomers({ by: "email", q: `SUCHE.${tag.slice(0, 6)}` });
    expect(byMail.hits.map((h) => h.id)).toContain(customer.id);
    expect(phonePrefix("0170 12-3")).toBe("+49170123");
    expect(phonePrefix("0043 664")).toBe("+43664");
    const byPhone = await searchCustomers({ by: "phone", q: `0170 ${tag.replace(/\D/g, "0").slice(0, 7)}` });
    expect(byPhone.hits.map((h) => h.id)).toContain(customer.id);
    expect((await searchCustomers({ by: "email", q: "s" })).hits).toEqual([]);
  });
});

describe("support actions", () => {
  it("refuses to act before the customer is opened with a reason; lock ends every session, unlock lets in", async () => {
    const actor = await agent();
    const customer = await person({});
    await createSession({
      userId: customer.id,
      deviceId: null,
      methods: ["PASSWORD"],
      rememberMe: false,
      client,
    });
    const input = { customerId: customer.id, reason: "Kundin am Telefon" };
    expect(await lockCustomer(actor, input)).toEqual({ ok: false, code: "ACCESS_REQUIRED" });
    expect(await hasOpenAccess(actor.userId, customer.id)).toBe(false);
    expect(await openCustomer(actor, input)).toEqual({ ok: true });
    expect(await hasOpenAccess(actor.userId, customer.id)).toBe(true);
    // Another agent has not opened the customer.
    expect(await hasOpenAccess((await agent()).userId, customer.id)).toBe(false);

    expect(await lockCustomer(actor, input)).toEqual({ ok: true });
    expect(await lockCustomer(actor, input)).toEqual({ ok: false, code: "ALREADY_LOCKED" });
    const locked = await db.user.findUniqueOrThrow({
      where: { id: customer.id },
      include: { sessions: true },
    });
    expect(locked).toMatchObject({ status: "LOCKED", lockReason: "Kundin am Telefon" });
    expect(locked.sessions.every((s) => s.revokeReason === "ACCOUNT_LOCKED")).toBe(true);
    expect(await unlockCustomer(actor, input)).toEqual({ ok: true });
    const events = await db.auditEvent.findMany({
      where: { subjectUserId: customer.id, type: { startsWith: "support." } },
      orderBy: { sequence: "asc" },
    });
    expect(events.map((e) => [e.type, e.actorRole, (e.metadata as { reason: string }).reason])).toEqual([
      ["support.customer_viewed", "SUPPORT", "Kundin am Telefon"],
      ["support.account_locked", "SUPPORT", "Kundin am Telefon"],
      ["support.account_unlocked", "SUPPORT", "Kundin am Telefon"],
    ]);
  });
});
