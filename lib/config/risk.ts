/**
 * Every threshold of the risk engine in one typed module: policy is configuration, not scattered
 * literals. Signals are collected and scored against this object; tests pass their own
 * copy to explore the table. Changing a number here changes who is asked for a second factor, so a
 * change belongs in review together with docs/decisions/0008-risk-engine.md.
 */
import type { SignInResult } from "@/lib/generated/prisma-sqlite/client";

export type RiskLevel = "LOW" | "MEDIUM" | "HIGH";

/** The signals the engine scores, in the order a decision lists them. */
export const RISK_REASONS = [
  "NEW_DEVICE",
  "NEW_COUNTRY",
  "IMPOSSIBLE_TRAVEL",
  "ACCOUNT_FAILURES",
  "IP_FAILURES",
  "MANY_ACCOUNTS_FROM_IP",
] as const;

export type RiskReason = (typeof RISK_REASONS)[number];
export type RiskAction = "ALLOW" | "SECOND_FACTOR" | "BLOCK";

/** A count that raises the score once it reaches `elevatedAt`, and more once it reaches `heavyAt`. */
export type CountRule = {
  windowMinutes: number;
  elevatedAt: number;
  heavyAt: number;
  elevatedWeight: number;
  heavyWeight: number;
};

export type RiskConfig = {
  travel: {
    /** Faster than an airliner between two sign-ins is not a person travelling. */
    maxSpeedKmh: number;
    /** GeoIP places one address tens of km off (and mobile carriers route via the next city). */
    minDistanceKm: number;
    /** Two sign-ins in the same second would divide by zero; below this the elapsed time is clamped. */
    minElapsedHours: number;
    weight: number;
  };
  country: {
    /** Countries the account succeeded from within this period count as known. */
    lookbackDays: number;
    weight: number;
  };
  device: { weight: number };
  /** Results that count as a failed attempt (a risk block is not, or blocks would feed themselves). */
  failureResults: readonly SignInResult[];
  accountFailures: CountRule;
  ipFailures: CountRule;
  /** Distinct accounts (signed in or tried) from one IP, the current account included. */
  accountsFromIp: CountRule;
  /** A score at or above a level's threshold reaches that level. */
  levels: { mediumAt: number; highAt: number };
  actions: Record<RiskLevel, RiskAction>;
};

/**
 * Weights are chosen so that (see the table in docs/decisions/0008-risk-engine.md):
 * a new device alone, or a known device abroad, stays LOW; a new device from a new country is
 * MEDIUM; impossible travel is MEDIUM on a known device and HIGH on a new
 * one; a known device in a known country stays LOW after a few failures.
 */
export const RISK_CONFIG: RiskConfig = {
  travel: { maxSpeedKmh: 900, minDistanceKm: 100, minElapsedHours: 1 / 60, weight: 4 },
  country: { lookbackDays: 365, weight: 2 },
  device: { weight: 1 },
  failureResults: ["INVALID_CREDENTIALS", "SECOND_FACTOR_FAILED"],
  accountFailures: { windowMinutes: 15, elevatedAt: 3, heavyAt: 10, elevatedWeight: 2, heavyWeight: 3 },
  ipFailures: { windowMinutes: 15, elevatedAt: 10, heavyAt: 50, elevatedWeight: 1, heavyWeight: 3 },
  accountsFromIp: { windowMinutes: 60, elevatedAt: 5, heavyAt: 20, elevatedWeight: 2, heavyWeight: 4 },
  levels: { mediumAt: 3, highAt: 5 },
  actions: { LOW: "ALLOW", MEDIUM: "SECOND_FACTOR", HIGH: "BLOCK" },
};
