/**
 * Risk signals from real rows on SQLite and PostgreSQL: known and new devices and countries,
 * impossible travel from the last successful sign-in, and what is not new (a first sign-in, a
 * loopback address, another customer's device). The counts are in risk-signals-counts.test.ts.
 */
import { afterAll, describe, expect, it } from "vitest";
import { assessSignInRisk } from "@/lib/server/risk/assess";
import { collectRiskSignals } from "@/lib/server/risk/signals";
import {
  db,
  BERLIN,
  PARIS,
  NEW_YORK,
  unique,
  uniqueIp,
  NOW,
  createUser,
  customerSeenInBerlin,
} from "../support/risk-history";

afterAll(() => db.$disconnect());

describe("risk signals", () => {
  it("finds nothing new for the same device and country", async () => {
    const { user, cookie, ip } = await customerSeenInBerlin();
    const signals = await collectRiskSignals(
      {
        userId: user.id,
        deviceCookieId: cookie,
        ip,
        location: BERLIN,
        now: NOW,
      },
      { tx: db },
    );
    expect(signals).toEqual({
      newDevice: false,
      newCountry: false,
      country: "DE",
      knownCountries: ["DE"],
      impossibleTravel: null,
      accountRecentFailures: 0,
      ipRecentFailures: 0,
      accountsFromIp: 1,
    });
    const { decision } = await assessSignInRisk(
      {
        userId: user.id,
        deviceCookieId: cookie,
        ip,
        location: BERLIN,
        now: NOW,
      },
      { tx: db },
    );
    expect(decision).toMatchObject({ level: "LOW", action: "ALLOW", reasons: [] });
  });

  it("flags a new device from a new country and asks for a second factor", async () => {
    const { user } = await customerSeenInBerlin();
    const input = {
      userId: user.id,
      deviceCookieId: `other-${unique()}`,
      ip: uniqueIp(),
      location: PARIS,
      now: NOW,
    };
    const signals = await collectRiskSignals(input, { tx: db });
    // Berlin → Paris (~880 km) in an hour is a flight, not impossible travel.
    expect(signals).toMatchObject({
      newDevice: true,
      newCountry: true,
      country: "FR",
      knownCountries: ["DE"],
      impossibleTravel: null,
    });
    const assessment = await assessSignInRisk(input, { tx: db });
    expect(assessment.decision).toMatchObject({
      level: "MEDIUM",
      action: "SECOND_FACTOR",
      reasons: ["NEW_DEVICE", "NEW_COUNTRY"],
    });
    expect(assessment.description.de).toContain("Anmeldung aus einem neuen Land: FR (bisher: DE)");
  });

  it("detects impossible travel from the last successful sign-in", async () => {
    const { user, cookie } = await customerSeenInBerlin();
    const signals = await collectRiskSignals(
      {
        userId: user.id,
        deviceCookieId: cookie,
        ip: uniqueIp(),
        location: NEW_YORK,
        now: NOW,
      },
      { tx: db },
    );
    expect(signals.newDevice).toBe(false);
    expect(signals.newCountry).toBe(true);
    expect(signals.impossibleTravel).toMatchObject({ from: "Berlin", to: "New York", hours: 1 });
    expect(signals.impossibleTravel?.km).toBeGreaterThan(6300);
    expect(signals.impossibleTravel?.kmh).toBeGreaterThan(6300);
  });

  it("does not call a first sign-in or a loopback address new country or travel", async () => {
    const user = await createUser();
    const first = await collectRiskSignals(
      {
        userId: user.id,
        deviceCookieId: null,
        ip: uniqueIp(),
        location: PARIS,
        now: NOW,
      },
      { tx: db },
    );
    expect(first).toMatchObject({
      newDevice: true,
      newCountry: false,
      knownCountries: [],
      impossibleTravel: null,
    });

    const { user: seen, cookie } = await customerSeenInBerlin();
    const local = await collectRiskSignals(
      {
        userId: seen.id,
        deviceCookieId: cookie,
        ip: "127.0.0.1",
        location: null,
        now: NOW,
      },
      { tx: db },
    );
    expect(local).toMatchObject({
      newDevice: false,
      newCountry: false,
      country: null,
      impossibleTravel: null,
    });
  });

  it("does not recognise another customer's device", async () => {
    const { cookie } = await customerSeenInBerlin();
    const { user } = await customerSeenInBerlin();
    const signals = await collectRiskSignals(
      {
        userId: user.id,
        deviceCookieId: cookie,
        ip: null,
        location: BERLIN,
        now: NOW,
      },
      { tx: db },
    );
    expect(signals.newDevice).toBe(true);
  });
});
