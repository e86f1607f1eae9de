/** Which changes of an order's status notify the customer (docs/decisions/0067). */
import { describe, expect, it } from "vitest";
import { statusNotice } from "@/lib/config/order-notices";

describe("statusNotice", () => {
  it("notifies a change to shipped, out for delivery, delivered and problem", () => {
    expect(statusNotice("ORDERED", "SHIPPED", [])).toBe("SHIPPED");
    expect(statusNotice("SHIPPED", "OUT_FOR_DELIVERY", ["SHIPPED"])).toBe("OUT_FOR_DELIVERY");
    expect(statusNotice("OUT_FOR_DELIVERY", "DELIVERED", ["SHIPPED", "OUT_FOR_DELIVERY"])).toBe("DELIVERED");
    expect(statusNotice("IN_TRANSIT", "PROBLEM", ["SHIPPED"])).toBe("PROBLEM");
  });

  it("counts a first scan in transit as shipped, but not a second time", () => {
    expect(statusNotice("ORDERED", "IN_TRANSIT", [])).toBe("SHIPPED");
    expect(statusNotice("SHIPPED", "IN_TRANSIT", ["SHIPPED"])).toBeNull();
  });

  it("does not notify when the status stays, or changes to one that is not news", () => {
    expect(statusNotice("DELIVERED", "DELIVERED", [])).toBeNull();
    expect(statusNotice("ORDERED", "CANCELLED", [])).toBeNull();
    expect(statusNotice("DELIVERED", "RETURNED", ["DELIVERED"])).toBeNull();
    expect(statusNotice("CANCELLED", "ORDERED", [])).toBeNull();
  });

  it("[ATTACKER] a replayed status notifies once per order", () => {
    expect(statusNotice("PROBLEM", "DELIVERED", ["SHIPPED", "DELIVERED"])).toBeNull();
    expect(statusNotice("OUT_FOR_DELIVERY", "PROBLEM", ["SHIPPED", "PROBLEM"])).toBeNull();
  });

  it("[ATTACKER] a delivery step older than one already told does not notify", () => {
    expect(statusNotice("DELIVERED", "OUT_FOR_DELIVERY", ["SHIPPED", "DELIVERED"])).toBeNull();
    expect(statusNotice("DELIVERED", "SHIPPED", ["DELIVERED"])).toBeNull();
    // A problem is news even after a step was told.
    expect(statusNotice("DELIVERED", "PROBLEM", ["SHIPPED", "DELIVERED"])).toBe("PROBLEM");
  });
});
