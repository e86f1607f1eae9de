/**
 * Whether a session's last authentication (sign-in or step-up) was at least as strong as the
 * account's strongest factor, the order stepUpOptionsFor uses: passkey > password and
 * authenticator app > password > email code. Adding, removing or replacing a factor needs this
 * (docs/decisions/0024): otherwise a thief with the password and a session
 * could swap out the factor that protects the account against exactly them.
 */
import type { StepUpOptions } from "@/lib/schemas/step-up";

export type SessionAuthentication = { authMethods: readonly string[]; aal: number };

/** The requirement in words for the audit log. */
export type StrongestFactor = "passkey" | "password_totp" | "password" | "email_code";

export function strongestFactorOf(options: StepUpOptions): StrongestFactor {
  if (options.method === "passkey") return "passkey";
  if (options.method === "password") return options.totpRequired ? "password_totp" : "password";
  return "email_code";
}

export function meetsStrongestFactor(session: SessionAuthentication, options: StepUpOptions): boolean {
  const used = new Set(session.authMethods);
  // A passkey counts as a passkey only with user verification (aal 2): without it, it is one
  // possession factor, and the sign-in asked for a second one (docs/decisions/0006).
  const verifiedPasskey = used.has("PASSKEY") && session.aal >= 2;
  switch (strongestFactorOf(options)) {
    case "passkey":
      return verifiedPasskey;
    case "password_totp":
      // A recovery code stands in for the app it belongs to, so a customer who lost the phone can
      // sign in with one and then replace or turn off the app.
      return verifiedPasskey || (used.has("PASSWORD") && (used.has("TOTP") || used.has("RECOVERY_CODE")));
    case "password":
      return verifiedPasskey || used.has("PASSWORD");
    case "email_code":
      // No password and no passkey: every way in (social, email code) is as strong as the account.
      return used.size > 0;
  }
}
