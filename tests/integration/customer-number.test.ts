/**
 * The customer number (docs/decisions/0043) on SQLite and PostgreSQL: every User created through
 * the client gets a valid, distinct number, also inside an interactive transaction; a number given
 * by the caller is kept; the support search finds a customer by the number as shown ("K-…-…"),
 * by its start, in number order, without staff, and a mistyped check digit finds no one.
 */
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { isValidCustomerNumber, formatCustomerNumber } from "@/lib/schemas/customer-number";
import { searchCustomers } from "@/lib/server/support/search";
import { unique } from "../support/customers";

const db = createPrismaClient();
afterAll(() => db.$disconnect());

const address = () => `nummer.${unique()}@example.com`;

function person(opts: { customerNumber?: string; role?: "CUSTOMER" | "SUPPORT" } = {}) {
  const email = address();
  return db.user.create({
    data: {
      email,
      emailNormalized: email,
      customerNumber: opts.customerNumber,
      roles: { create: [{ role: opts.role ?? "CUSTOMER" }] },
    },
  });
}

describe("customer number", () => {
  it("is assigned to every created user, valid and distinct, also inside a transaction", async () => {
    const plain = await person();
    const email = address();
    const inTx = await db.$transaction((tx) => tx.user.create({ data: { email, emailNormalized: email } }));
    for (const user of [plain, inTx]) expect(isValidCustomerNumber(user.customerNumber ?? "")).toBe(true);
    expect(plain.customerNumber).not.toBe(inTx.customerNumber);
  });

  it("keeps a number the caller gives and refuses a second account with it", async () => {
    const number = `7${String(Date.now()).slice(-8)}0`;
    const user = await person({ customerNumber: number });
    expect(user.customerNumber).toBe(number);
    await expect(person({ customerNumber: number })).rejects.toMatchObject({ code: "P2002" });
  });
});

describe("support search by customer number", () => {
  it("finds the customer by the number as shown and by its start, without staff", async () => {
    const base = `8${String(Date.now()).slice(-6)}`;
    const numbers = ["002", "000", "001"].map((tail) => `${base}${tail}`);
    const customers = await Promise.all(numbers.map((customerNumber) => person({ customerNumber })));
    await person({ customerNumber: `${base}003`, role: "SUPPORT" });

    const byPrefix = await searchCustomers({ by: "number", q: `K-${base}` });
    expect(byPrefix.hits.map((h) => h.customerNumber)).toEqual([...numbers].sort());
    expect(byPrefix.next).toBeNull();

    const exact = customers[0]!;
    const shown = formatCustomerNumber(exact.customerNumber!);
    const byShown = await searchCustomers({ by: "number", q: ` ${shown.toLowerCase()} ` });
    expect(byShown.hits.map((h) => h.id)).toEqual([exact.id]);
  });

  it("finds no one by a number whose check digit is mistyped", async () => {
    const user = await person();
    const digits = user.customerNumber!;
    const wrong = `${digits.slice(0, 9)}${(Number(digits[9]) + 1) % 10}`;
    expect((await searchCustomers({ by: "number", q: wrong })).hits).toEqual([]);
    expect((await searchCustomers({ by: "number", q: digits })).hits.map((h) => h.id)).toEqual([user.id]);
  });
});
