/**
 * Why a sign-in asked for a code or was blocked, as codes the customer's pages and mails put into
 * words (catalog namespace `signInReasons`, mail catalog `signInReasons`). Support reads the
 * engine's own sentences (describe.ts); the customer reads these, in the second person and without
 * scores: "Wir fragen nach einem Code, weil Sie sich von einem neuen Gerät und aus einem neuen Land
 * anmelden." Plain module: pages, actions, mail templates and the sign-in completion share it.
 */
import { RISK_REASONS, type RiskReason } from "./risk";

/**
 * Reasons that are not risk signals: the person released a blocked sign-in from the mailbox, has
 * an authenticator app (always asked), or is staff (always asked, docs/decisions/0007).
 */
export const SIGN_IN_POLICY_REASONS = ["RELEASED", "AUTHENTICATOR", "STAFF"] as const;

export type SignInPolicyReason = (typeof SIGN_IN_POLICY_REASONS)[number];
export type SignInReasonCode = SignInPolicyReason | RiskReason;

const KNOWN: readonly string[] = [...SIGN_IN_POLICY_REASONS, ...RISK_REASONS];

/** The known codes in a stored value (a Json column, a query parameter), in order, without repeats. */
export function parseSignInReasons(value: unknown): SignInReasonCode[] {
  const items = typeof value === "string" ? value.split(",") : Array.isArray(value) ? value : [];
  const codes = items.filter((v): v is SignInReasonCode => typeof v === "string" && KNOWN.includes(v));
  return [...new Set(codes)];
}

export function splitSignInReasons(codes: readonly SignInReasonCode[]): {
  policy: SignInPolicyReason[];
  risk: RiskReason[];
} {
  return {
    policy: codes.filter((c): c is SignInPolicyReason =>
      (SIGN_IN_POLICY_REASONS as readonly string[]).includes(c),
    ),
    risk: codes.filter((c): c is RiskReason => (RISK_REASONS as readonly string[]).includes(c)),
  };
}

/**
 * The reasons the customer is told for a second step: what made it necessary (a release from the
 * mailbox, an authenticator app, a staff role), then the risk signals when the risk was more than
 * low (a low-risk new device is not why a person with an authenticator app is asked).
 */
export function signInReasonCodes(opts: {
  riskLevel: "LOW" | "MEDIUM" | "HIGH";
  riskReasons: readonly RiskReason[];
  released: boolean;
  hasAuthenticator: boolean;
  isStaff: boolean;
}): SignInReasonCode[] {
  const policy: SignInPolicyReason[] = opts.released
    ? ["RELEASED"]
    : opts.hasAuthenticator
      ? ["AUTHENTICATOR"]
      : opts.isStaff
        ? ["STAFF"]
        : [];
  return [...policy, ...(opts.riskLevel === "LOW" ? [] : opts.riskReasons)];
}
