import "server-only";
/**
 * When a correct password is not enough. The seam the risk engine (lib/server/risk/) plugs into:
 * it receives everything a policy may weigh (the user's roles and factors, the client with its IP
 * and location, the device cookie) and answers required-or-not with the factors that may complete
 * the sign-in and a reason in words a support agent understands.
 *
 * For now: a confirmed authenticator app, or a staff role (staff always need a second factor,
 * docs/decisions/0007), requires one. People without an authenticator get an email code, the fallback the
 * issue asks for; with one, the authenticator and its recovery codes (a mailbox is weaker than the
 * factor the person chose).
 */
import { assessSignInRisk, type RiskAssessment } from "@/lib/server/risk/assess";
import type { Role } from "@/lib/config/roles";
import type { ClientInfo } from "@/lib/server/request/client-info";
import type { SecondFactorMethod } from "./sign-in-factors";

export type RiskLevelName = "LOW" | "MEDIUM" | "HIGH";

export type SecondFactorDecision = {
  required: boolean;
  /** The risk engine's verdict is "block and notify": no second factor can complete this sign-in. */
  blocked: boolean;
  /** The risk engine's signals and decision, for the attempt row and the audit event. */
  risk: RiskAssessment;
  /** Allowed factors, strongest first; empty when not required. */
  factors: SecondFactorMethod[];
  /** Why, e.g. "authenticator app enabled", "staff account" (audited). */
  reason: string;
  /** For PendingSignIn.riskLevel and the audit; the risk engine will set it. */
  riskLevel?: RiskLevelName;
};

export type SecondFactorSignals = {
  user: { id: string; roles: readonly Role[]; hasConfirmedTotp: boolean };
  client: ClientInfo;
  /** The long-lived device cookie (known or new device is a risk signal). */
  deviceCookieId: string;
};

export const STAFF_ROLES: readonly Role[] = ["SUPPORT", "MARKETING", "ADMIN"];

/** The factors this user can complete a second step with. */
export function availableSecondFactors(hasConfirmedTotp: boolean): SecondFactorMethod[] {
  return hasConfirmedTotp ? ["TOTP", "RECOVERY_CODE"] : ["EMAIL_CODE"];
}

/**
 * Must be called before the attempt is recorded as succeeded (otherwise this sign-in's own country
 * and device would count as known).
 */
export async function decideSecondFactor(signals: SecondFactorSignals): Promise<SecondFactorDecision> {
  const { user, client } = signals;
  const risk = await assessSignInRisk({
    userId: user.id,
    deviceCookieId: signals.deviceCookieId,
    ip: client.ip,
    location: client.location,
  });
  const riskLevel = risk.decision.level;
  const factors = availableSecondFactors(user.hasConfirmedTotp);
  const base = { blocked: false, risk, riskLevel };
  if (risk.decision.action === "BLOCK") {
    return { ...base, blocked: true, required: false, factors: [], reason: `risk ${riskLevel}: blocked` };
  }
  if (user.hasConfirmedTotp) return { ...base, required: true, factors, reason: "authenticator app enabled" };
  if (user.roles.some((r) => STAFF_ROLES.includes(r)))
    return { ...base, required: true, factors, reason: "staff account" };
  if (risk.decision.action === "SECOND_FACTOR") {
    return {
      ...base,
      required: true,
      factors,
      reason: `risk ${riskLevel}: ${risk.decision.reasons.join(", ")}`,
    };
  }
  return { ...base, required: false, factors: [], reason: "low risk, no second factor configured" };
}
