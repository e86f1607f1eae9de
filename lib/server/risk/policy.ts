/**
 * Turns signals into a decision: each signal adds its configured weight, the sum picks the level,
 * the level picks the action. Pure, so the whole policy is testable as a table (tests/unit).
 */
import {
  RISK_CONFIG,
  RISK_REASONS,
  type CountRule,
  type RiskAction,
  type RiskConfig,
  type RiskLevel,
  type RiskReason,
} from "@/lib/config/risk";
import type { RiskSignals } from "./signals";

export type RiskDecision = {
  level: RiskLevel;
  action: RiskAction;
  /** The signals that added to the score, in the order of RISK_REASONS. */
  reasons: RiskReason[];
  score: number;
};

function countWeight(count: number, rule: CountRule): number {
  if (count >= rule.heavyAt) return rule.heavyWeight;
  if (count >= rule.elevatedAt) return rule.elevatedWeight;
  return 0;
}

export function decideRisk(signals: RiskSignals, config: RiskConfig = RISK_CONFIG): RiskDecision {
  const weights: Record<RiskReason, number> = {
    NEW_DEVICE: signals.newDevice ? config.device.weight : 0,
    NEW_COUNTRY: signals.newCountry ? config.country.weight : 0,
    IMPOSSIBLE_TRAVEL: signals.impossibleTravel ? config.travel.weight : 0,
    ACCOUNT_FAILURES: countWeight(signals.accountRecentFailures, config.accountFailures),
    IP_FAILURES: countWeight(signals.ipRecentFailures, config.ipFailures),
    MANY_ACCOUNTS_FROM_IP: countWeight(signals.accountsFromIp, config.accountsFromIp),
  };
  const reasons = RISK_REASONS.filter((reason) => weights[reason] > 0);
  const score = reasons.reduce((sum, reason) => sum + weights[reason], 0);
  const level: RiskLevel =
    score >= config.levels.highAt ? "HIGH" : score >= config.levels.mediumAt ? "MEDIUM" : "LOW";
  return { level, action: config.actions[level], reasons, score };
}
