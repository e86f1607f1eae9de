import "server-only";
/**
 * The risk engine's one entry point for sign-in: collect signals, decide, describe. The caller
 * (the second-factor decision after a successful first factor) acts on `decision.action`, stores
 * `signInAttemptRisk(...)` on the attempt and `riskAuditMetadata(...)` on the audit event.
 */
import type { Prisma } from "@/lib/generated/prisma-sqlite/client";
import type { AuditMetadata } from "@/lib/server/audit/audit-metadata";
import { RISK_CONFIG, type RiskConfig, type RiskLevel } from "@/lib/config/risk";
import { describeRiskDecision, type RiskLocale } from "./describe";
import { decideRisk, type RiskDecision } from "./policy";
import { collectRiskSignals, type CollectRiskSignalsInput, type RiskDb, type RiskSignals } from "./signals";
import { db } from "@/lib/db";

export type AssessSignInRiskInput = Omit<CollectRiskSignalsInput, "now"> & { now?: Date };

export type RiskAssessment = {
  decision: RiskDecision;
  signals: RiskSignals;
  /** Both languages, because the audit entry is written once and read by staff in either. */
  description: Record<RiskLocale, string[]>;
};

export async function assessSignInRisk(
  input: AssessSignInRiskInput,
  { tx = db, config = RISK_CONFIG }: { tx?: RiskDb; config?: RiskConfig } = {},
): Promise<RiskAssessment> {
  const signals = await collectRiskSignals({ ...input, now: input.now ?? new Date() }, { tx, config });
  const decision = decideRisk(signals, config);
  return {
    decision,
    signals,
    description: {
      de: describeRiskDecision(decision, signals, "de", config),
      en: describeRiskDecision(decision, signals, "en", config),
    },
  };
}

/** Audit metadata for the decision; no key names a secret (see audit-metadata.ts). */
export function riskAuditMetadata(assessment: RiskAssessment): AuditMetadata {
  const { decision, signals, description } = assessment;
  return {
    risk: decision.level,
    action: decision.action,
    score: decision.score,
    reasons: decision.reasons,
    signals,
    description,
  };
}

/** The columns of `SignInAttempt` that record the decision. */
export function signInAttemptRisk(assessment: RiskAssessment): {
  riskLevel: RiskLevel;
  riskSignals: Prisma.InputJsonObject;
} {
  const { decision, signals } = assessment;
  return {
    riskLevel: decision.level,
    riskSignals: { ...signals, reasons: decision.reasons, score: decision.score, action: decision.action },
  };
}
