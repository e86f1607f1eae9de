/**
 * The order status rules (docs/decisions/0060): every carrier code maps into the one status set,
 * unknown codes (prototype names included) map to nothing, tracking links encode the number, and
 * the latest event is chosen by eventAt with the later stage winning a tie.
 */
import { describe, expect, it } from "vitest";
import {
  CARRIER_STATUS_CODES,
  CARRIERS,
  ORDER_STATUSES,
  statusForCarrierCode,
  trackingUrl,
} from "@/lib/config/orders";
import { latestEvent } from "@/lib/server/orders/status";

describe("carrier vocabularies", () => {
  it("map every code of every carrier to a status of the one set, and each reaches DELIVERED", () => {
    for (const carrier of CARRIERS) {
      const statuses = Object.values(CARRIER_STATUS_CODES[carrier]);
      for (const status of statuses) expect(ORDER_STATUSES).toContain(status);
      expect(statuses, carrier).toContain("DELIVERED");
      expect(statuses, carrier).toContain("PROBLEM");
    }
  });

  it("know no code outside their table, not even an object's own property names", () => {
    expect(statusForCarrierCode("DHL", "delivered")).toBe("DELIVERED");
    expect(statusForCarrierCode("UPS", "delivered")).toBeNull();
    for (const name of ["constructor", "toString", "__proto__", "hasOwnProperty"])
      expect(statusForCarrierCode("DPD", name), name).toBeNull();
  });

  it("build the carrier's tracking link with the number encoded", () => {
    expect(trackingUrl("UPS", "1Z 999&x=1")).toBe("https://www.ups.com/track?tracknum=1Z%20999%26x%3D1");
    for (const carrier of CARRIERS) expect(trackingUrl(carrier, "123")).toMatch(/^https:\/\//);
  });
});

describe("latestEvent", () => {
  const at = (iso: string) => new Date(iso);
  it("is the event with the latest eventAt, whatever the order of arrival", () => {
    const events = [
      { status: "DELIVERED", eventAt: at("2026-12-03T14:00:00Z") },
      { status: "IN_TRANSIT", eventAt: at("2026-12-02T08:00:00Z") },
      { status: "OUT_FOR_DELIVERY", eventAt: at("2026-12-03T07:00:00Z") },
    ];
    expect(latestEvent(events)?.status).toBe("DELIVERED");
    expect(latestEvent([...events].reverse())?.status).toBe("DELIVERED");
    expect(latestEvent([])).toBeNull();
  });

  it("at the same instant prefers the later stage", () => {
    const same = at("2026-12-03T14:00:00Z");
    const events = [
      { status: "DELIVERED", eventAt: same },
      { status: "OUT_FOR_DELIVERY", eventAt: same },
    ];
    expect(latestEvent(events)?.status).toBe("DELIVERED");
    expect(latestEvent([...events].reverse())?.status).toBe("DELIVERED");
  });
});
