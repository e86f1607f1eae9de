/**
 * Risk signals from real rows on SQLite and PostgreSQL: known and new devices and countries,
 * impossible travel from the last successful sign-in, failures per account and per IP, and
 * distinct accounts from one IP. Locations are passed in, so nothing depends on the GeoLite data.
 */
import { afterAll, describe, expect, it } from "vitest";
import { assessSignInRisk } from "@/lib/server/risk/assess";
import { collectRiskSignals } from "@/lib/server/risk/signals";
import { hashToken } from "@/lib/server/crypto/token-hash";
import type { SignInResult } from "@/lib/generated/prisma-sqlite/client";
import { createPrismaClient } from "@/lib/db/prisma-client";
import type { GeoLocation } from "@/lib/server/request/geo";

const db = createPrismaClient();
afterAll(() => db.$disconnect());

const BERLIN: GeoLocation = { country: "DE", city: "Berlin", latitude: 52.52, longitude: 13.405 };
const PARIS: GeoLocation = { country: "FR", city: "Paris", latitude: 48.8566, longitude: 2.3522 };
const NEW_YORK: GeoLocation = { country: "US", city: "New York", latitude: 40.7128, longitude: -74.006 };

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
// Documentation-prefix IPv6 addresses with a random tail: unique per test, shared database or not.
const uniqueIp = () =>
  `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}::${Math.floor(Math.random() * 0xffff).toString(16)}`;
const NOW = new Date();
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

async function createUser() {
  const email = `risk.${unique()}@example.com`;
  return db.user.create({ data: { email, emailNormalized: email } });
}

async function attempt(opts: {
  userId?: string | null;
  email?: string | null;
  result: SignInResult;
  ip: string | null;
  at: Date;
  location?: GeoLocation | null;
}) {
  await db.signInAttempt.create({
    data: {
      userId: opts.userId ?? null,
      emailNormalized: opts.email ?? null,
      method: "PASSWORD",
      result: opts.result,
      ip: opts.ip,
      createdAt: opts.at,
      country: opts.location?.country ?? null,
      city: opts.location?.city ?? null,
      latitude: opts.location?.latitude ?? null,
      longitude: opts.location?.longitude ?? null,
    },
  });
}

/** A customer who signed in from Berlin on a known browser an hour ago. */
async function customerSeenInBerlin() {
  const user = await createUser();
  const cookie = `device-${unique()}`;
  const ip = uniqueIp();
  await db.device.create({ data: { userId: user.id, cookieIdHash: hashToken(cookie), lastCountry: "DE" } });
  await attempt({
    userId: user.id,
    email: user.emailNormalized,
    result: "SUCCEEDED",
    ip,
    at: hoursAgo(1),
    location: BERLIN,
  });
  return { user, cookie, ip };
}

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

  it("counts recent failures per account and per IP", async () => {
    const { user, cookie } = await customerSeenInBerlin();
    const ip = uniqueIp();
    const mine = { userId: user.id, email: user.emailNormalized };
    for (const minutes of [1, 5, 14])
      await attempt({ ...mine, result: "INVALID_CREDENTIALS", ip, at: minutesAgo(minutes) });
    await attempt({ ...mine, result: "SECOND_FACTOR_FAILED", ip, at: minutesAgo(2) });
    await attempt({ ...mine, result: "INVALID_CREDENTIALS", ip: uniqueIp(), at: minutesAgo(3) }); // account, other IP
    await attempt({ ...mine, result: "INVALID_CREDENTIALS", ip, at: minutesAgo(20) }); // outside the window
    await attempt({ ...mine, result: "BLOCKED_BY_RISK", ip, at: minutesAgo(4) }); // a block is not a failure
    await attempt({
      email: `nobody.${unique()}@example.com`,
      result: "INVALID_CREDENTIALS",
      ip,
      at: minutesAgo(6),
    });
    await attempt({
      email: `nobody.${unique()}@example.com`,
      result: "INVALID_CREDENTIALS",
      ip,
      at: minutesAgo(7),
    });

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
    expect(signals.accountRecentFailures).toBe(5);
    expect(signals.ipRecentFailures).toBe(6);
    const noIp = await collectRiskSignals(
      {
        userId: user.id,
        deviceCookieId: cookie,
        ip: null,
        location: null,
        now: NOW,
      },
      { tx: db },
    );
    expect(noIp).toMatchObject({ accountRecentFailures: 5, ipRecentFailures: 0, accountsFromIp: 0 });
  });

  it("counts distinct accounts from one IP in the last hour", async () => {
    const { user, cookie } = await customerSeenInBerlin();
    const ip = uniqueIp();
    for (let i = 0; i < 3; i++) {
      const other = await createUser();
      const result: SignInResult = i === 0 ? "SUCCEEDED" : "INVALID_CREDENTIALS";
      await attempt({ userId: other.id, email: other.emailNormalized, result, ip, at: minutesAgo(10 + i) });
      await attempt({ userId: other.id, email: other.emailNormalized, result, ip, at: minutesAgo(20 + i) });
    }
    const stranger = `nobody.${unique()}@example.com`;
    await attempt({ email: stranger, result: "INVALID_CREDENTIALS", ip, at: minutesAgo(30) });
    await attempt({ email: stranger, result: "INVALID_CREDENTIALS", ip, at: minutesAgo(31) });
    await attempt({
      email: `nobody.${unique()}@example.com`,
      result: "INVALID_CREDENTIALS",
      ip,
      at: minutesAgo(40),
    });
    const late = await createUser();
    await attempt({ userId: late.id, email: late.emailNormalized, result: "SUCCEEDED", ip, at: hoursAgo(2) }); // outside
    await attempt({
      userId: user.id,
      email: user.emailNormalized,
      result: "INVALID_CREDENTIALS",
      ip,
      at: minutesAgo(5),
    });

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
    // Three other customers, two unknown addresses, and this customer.
    expect(signals.accountsFromIp).toBe(6);
    const assessment = await assessSignInRisk(
      {
        userId: user.id,
        deviceCookieId: null,
        ip,
        location: BERLIN,
        now: NOW,
      },
      { tx: db },
    );
    expect(assessment.decision).toMatchObject({
      level: "MEDIUM",
      reasons: ["NEW_DEVICE", "MANY_ACCOUNTS_FROM_IP"],
    });
    expect(assessment.description.en).toContain(
      "6 different accounts from this IP address in the last 60 minutes",
    );
  });
});
