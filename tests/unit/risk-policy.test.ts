/**
 * The risk policy as a table of signal combinations (docs/decisions/0008), impossible travel with
 * real coordinates, and what support reads in both languages.
 */
import { describe, expect, it } from "vitest";
import { RISK_CONFIG, type RiskAction, type RiskLevel } from "@/lib/config/risk";
import { describeRiskDecision } from "@/lib/server/risk/describe";
import { haversineKm } from "@/lib/server/risk/haversine";
import { catalogKeys } from "../support/catalog-keys";
import de from "@/messages/de.json";
import en from "@/messages/en.json";
import type { RiskReason } from "@/lib/config/risk";
import { decideRisk } from "@/lib/server/risk/policy";
import type { RiskSignals } from "@/lib/server/risk/signals";
import { detectImpossibleTravel, type LocatedSignIn } from "@/lib/server/risk/travel";

const BERLIN = { latitude: 52.52, longitude: 13.405, city: "Berlin", country: "DE" };
const MUNICH = { latitude: 48.1351, longitude: 11.582, city: "München", country: "DE" };
const PARIS = { latitude: 48.8566, longitude: 2.3522, city: "Paris", country: "FR" };
const NEW_YORK = { latitude: 40.7128, longitude: -74.006, city: "New York", country: "US" };
const SYDNEY = { latitude: -33.8688, longitude: 151.2093, city: "Sydney", country: "AU" };

const T0 = new Date("2026-11-20T08:00:00Z");
const at = (place: Omit<LocatedSignIn, "at">, hoursAfterT0: number): LocatedSignIn => ({
  ...place,
  at: new Date(T0.getTime() + hoursAfterT0 * 3_600_000),
});

const travel = { km: 880, hours: 0.5, kmh: 1760, from: "Berlin", to: "Paris" };

/** A returning customer on their usual browser at home: nothing unusual. */
const usual: RiskSignals = {
  newDevice: false,
  newCountry: false,
  country: "DE",
  knownCountries: ["DE"],
  impossibleTravel: null,
  accountRecentFailures: 0,
  ipRecentFailures: 0,
  accountsFromIp: 1,
};

type Row = [
  name: string,
  signals: Partial<RiskSignals>,
  level: RiskLevel,
  action: RiskAction,
  reasons: RiskReason[],
];

const abroad: Partial<RiskSignals> = { newCountry: true, country: "FR" };

const table: Row[] = [
  ["known device, known country (e.g. the next sign-in from abroad)", {}, "LOW", "ALLOW", []],
  [
    "first sign-in ever: new device, no country on record",
    { newDevice: true, knownCountries: [] },
    "LOW",
    "ALLOW",
    ["NEW_DEVICE"],
  ],
  ["new device at home", { newDevice: true }, "LOW", "ALLOW", ["NEW_DEVICE"]],
  ["known device abroad (customer travelling)", abroad, "LOW", "ALLOW", ["NEW_COUNTRY"]],
  [
    "new device and new country",
    { newDevice: true, ...abroad },
    "MEDIUM",
    "SECOND_FACTOR",
    ["NEW_DEVICE", "NEW_COUNTRY"],
  ],
  [
    "impossible travel on a known device",
    { impossibleTravel: travel },
    "MEDIUM",
    "SECOND_FACTOR",
    ["IMPOSSIBLE_TRAVEL"],
  ],
  [
    "impossible travel on a new device",
    { newDevice: true, impossibleTravel: travel },
    "HIGH",
    "BLOCK",
    ["NEW_DEVICE", "IMPOSSIBLE_TRAVEL"],
  ],
  [
    "impossible travel, new device, new country",
    { newDevice: true, ...abroad, impossibleTravel: travel },
    "HIGH",
    "BLOCK",
    ["NEW_DEVICE", "NEW_COUNTRY", "IMPOSSIBLE_TRAVEL"],
  ],
  [
    "known device and country, 2 account failures (below threshold)",
    { accountRecentFailures: 2 },
    "LOW",
    "ALLOW",
    [],
  ],
  [
    "known device and country, 3 account failures",
    { accountRecentFailures: 3 },
    "LOW",
    "ALLOW",
    ["ACCOUNT_FAILURES"],
  ],
  [
    "known device and country, 10 account failures",
    { accountRecentFailures: 10 },
    "MEDIUM",
    "SECOND_FACTOR",
    ["ACCOUNT_FAILURES"],
  ],
  [
    "new device after 3 account failures",
    { newDevice: true, accountRecentFailures: 3 },
    "MEDIUM",
    "SECOND_FACTOR",
    ["NEW_DEVICE", "ACCOUNT_FAILURES"],
  ],
  [
    "new device, new country, 3 account failures",
    { newDevice: true, ...abroad, accountRecentFailures: 3 },
    "HIGH",
    "BLOCK",
    ["NEW_DEVICE", "NEW_COUNTRY", "ACCOUNT_FAILURES"],
  ],
  [
    "new device, 10 failures from the IP",
    { newDevice: true, ipRecentFailures: 10 },
    "LOW",
    "ALLOW",
    ["NEW_DEVICE", "IP_FAILURES"],
  ],
  [
    "new device, 50 failures from the IP",
    { newDevice: true, ipRecentFailures: 50 },
    "MEDIUM",
    "SECOND_FACTOR",
    ["NEW_DEVICE", "IP_FAILURES"],
  ],
  ["known device, 4 accounts from the IP (below threshold)", { accountsFromIp: 4 }, "LOW", "ALLOW", []],
  [
    "known device, 5 accounts from the IP (shared office)",
    { accountsFromIp: 5 },
    "LOW",
    "ALLOW",
    ["MANY_ACCOUNTS_FROM_IP"],
  ],
  [
    "new device, 5 accounts from the IP",
    { newDevice: true, accountsFromIp: 5 },
    "MEDIUM",
    "SECOND_FACTOR",
    ["NEW_DEVICE", "MANY_ACCOUNTS_FROM_IP"],
  ],
  [
    "known device, 20 accounts from the IP",
    { accountsFromIp: 20 },
    "MEDIUM",
    "SECOND_FACTOR",
    ["MANY_ACCOUNTS_FROM_IP"],
  ],
  [
    "new device, 20 accounts from the IP (credential stuffing)",
    { newDevice: true, accountsFromIp: 20 },
    "HIGH",
    "BLOCK",
    ["NEW_DEVICE", "MANY_ACCOUNTS_FROM_IP"],
  ],
];

describe("risk policy table", () => {
  it.each(table)("%s", (_name, overrides, level, action, reasons) => {
    const decision = decideRisk({ ...usual, ...overrides });
    expect(decision).toMatchObject({ level, action, reasons });
  });

  it("follows the configuration, not built-in numbers", () => {
    const strict = { ...RISK_CONFIG, levels: { mediumAt: 1, highAt: 2 } };
    expect(decideRisk({ ...usual, newDevice: true }, strict)).toMatchObject({
      level: "MEDIUM",
      action: "SECOND_FACTOR",
    });
    expect(decideRisk(usual, strict)).toMatchObject({ level: "LOW", action: "ALLOW", score: 0 });
  });
});

describe("haversine distance", () => {
  it.each([
    { name: "Berlin → Munich", from: BERLIN, to: MUNICH, km: 504 },
    { name: "Berlin → New York", from: BERLIN, to: NEW_YORK, km: 6385 },
    { name: "Berlin → Paris", from: BERLIN, to: PARIS, km: 878 },
    { name: "Berlin → Sydney", from: BERLIN, to: SYDNEY, km: 16_000 },
  ])("$name ≈ $km km (±1 %)", ({ from, to, km }) => {
    expect(Math.abs(haversineKm(from, to) - km) / km).toBeLessThan(0.01);
    expect(haversineKm(to, from)).toBeCloseTo(haversineKm(from, to), 6);
  });

  it("is zero for the same place", () => {
    expect(haversineKm(BERLIN, BERLIN)).toBe(0);
  });
});

describe("impossible travel with real coordinates", () => {
  const rule = RISK_CONFIG.travel;

  it("Berlin → Sydney in 2 h is impossible", () => {
    const result = detectImpossibleTravel(at(BERLIN, 0), at(SYDNEY, 2), rule);
    expect(result).toMatchObject({ hours: 2, from: "Berlin", to: "Sydney" });
    expect(result?.kmh).toBeGreaterThan(7_900);
  });

  it("Berlin → Munich in 6 h is possible", () => {
    expect(detectImpossibleTravel(at(BERLIN, 0), at(MUNICH, 6), rule)).toBeNull();
  });

  it("Berlin → New York in 1 h is impossible, in 8 h is a flight", () => {
    expect(detectImpossibleTravel(at(BERLIN, 0), at(NEW_YORK, 1), rule)?.km).toBeCloseTo(6385, -2);
    expect(detectImpossibleTravel(at(BERLIN, 0), at(NEW_YORK, 8), rule)).toBeNull();
  });

  it("ignores jumps below the GeoIP noise floor, however fast", () => {
    const potsdam = { latitude: 52.3906, longitude: 13.0645, city: "Potsdam", country: "DE" };
    expect(detectImpossibleTravel(at(BERLIN, 0), at(potsdam, 0), rule)).toBeNull();
  });

  it("gives a finite speed for two sign-ins in the same second, and names places without a city", () => {
    const result = detectImpossibleTravel(at(BERLIN, 0), at({ ...PARIS, city: null }, 0), rule);
    expect(result).toMatchObject({ hours: 0.02, to: "FR" });
    expect(Number.isFinite(result?.kmh)).toBe(true);
  });
});

describe("descriptions for support", () => {
  const signals: RiskSignals = {
    ...usual,
    newDevice: true,
    ...abroad,
    impossibleTravel: travel,
    accountRecentFailures: 3,
  };
  const decision = decideRisk(signals);

  it("speaks German", () => {
    expect(describeRiskDecision(decision, signals, "de")).toEqual([
      "Hohes Risiko: Anmeldung blockiert, Kunde benachrichtigt",
      "Neues Gerät",
      "Anmeldung aus einem neuen Land: FR (bisher: DE)",
      "Unmögliche Reise: 880 km in 0,5 h (1.760 km/h) von Berlin nach Paris",
      "3 fehlgeschlagene Anmeldungen für dieses Konto in den letzten 15 Minuten",
    ]);
  });

  it("speaks English", () => {
    expect(describeRiskDecision(decision, signals, "en")).toEqual([
      "High risk: sign-in blocked, customer notified",
      "New device",
      "Sign-in from a new country: FR (so far: DE)",
      "Impossible travel: 880 km in 0.5 h (1,760 km/h) from Berlin to Paris",
      "3 failed sign-ins for this account in the last 15 minutes",
    ]);
  });

  it("describes IP signals and a quiet sign-in", () => {
    const busy: RiskSignals = { ...usual, newDevice: true, ipRecentFailures: 12, accountsFromIp: 6 };
    expect(describeRiskDecision(decideRisk(busy), busy, "de").slice(1)).toEqual([
      "Neues Gerät",
      "12 fehlgeschlagene Anmeldungen von dieser IP-Adresse in den letzten 15 Minuten",
      "6 verschiedene Konten von dieser IP-Adresse in den letzten 60 Minuten",
    ]);
    expect(describeRiskDecision(decideRisk(usual), usual, "en")).toEqual([
      "Low risk: sign-in allowed",
      "Nothing unusual",
    ]);
  });

  it("has the same keys in both languages and no empty text", () => {
    const [deTexts, enTexts] = [de.riskDescription, en.riskDescription];
    expect(catalogKeys(deTexts).sort()).toEqual(catalogKeys(enTexts).sort());
    const text = (catalog: object, key: string) =>
      key
        .split(".")
        .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalog) as string;
    const placeholders = (value: string) => [...value.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of catalogKeys(enTexts)) {
      expect(text(deTexts, key).trim(), key).not.toBe("");
      expect(text(enTexts, key).trim(), key).not.toBe("");
      expect(placeholders(text(deTexts, key)), key).toEqual(placeholders(text(enTexts, key)));
    }
  });
});
