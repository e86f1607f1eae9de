import "server-only";
/**
 * RFC 6238 time-based one-time passwords through `otpauth`. Pure functions: the database side
 * (encrypted secret, last used step) lives in totp-factors.ts.
 */
import { Secret, TOTP } from "otpauth";

export const TOTP_ISSUER = "Kundenportal";
export const TOTP_DEFAULTS = { algorithm: "SHA1", digits: 6, period: 30 } as const;
/** ±1 step (±30 s) absorbs clock drift between phone and server (RFC 6238 §5.2). */
export const TOTP_WINDOW = 1;

export type TotpParams = { secret: string; algorithm?: string; digits?: number; period?: number };

/** A fresh 160-bit secret (RFC 4226 §4 recommends 160), base32 as authenticator apps expect. */
export function generateTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpOf(params: TotpParams, label = "", issuer = TOTP_ISSUER): TOTP {
  return new TOTP({
    issuer,
    label,
    secret: Secret.fromBase32(params.secret),
    algorithm: params.algorithm ?? TOTP_DEFAULTS.algorithm,
    digits: params.digits ?? TOTP_DEFAULTS.digits,
    period: params.period ?? TOTP_DEFAULTS.period,
  });
}

/** otpauth:// URI for the QR code; the label is the account's email so the app's list is clear. */
export function totpUri(params: TotpParams & { label: string }): string {
  return totpOf(params, params.label).toString();
}

/** "ABCD EFGH …": groups of four are easier to type from the screen than 32 characters in a row. */
export function formatTotpSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

/**
 * The time step a code belongs to, or null when it matches none within the window or does not
 * look like a code. Callers reject a step ≤ the last one used, so a code is never accepted twice.
 */
export function matchTotpStep(
  params: TotpParams & { code: string; now?: number; window?: number },
): number | null {
  const digits = params.digits ?? TOTP_DEFAULTS.digits;
  const code = params.code.replace(/\s+/g, "");
  if (!new RegExp(`^\\d{${digits}}$`).test(code)) return null;
  const timestamp = params.now ?? Date.now();
  const delta = totpOf(params).validate({ token: code, timestamp, window: params.window ?? TOTP_WINDOW });
  if (delta === null) return null;
  const period = params.period ?? TOTP_DEFAULTS.period;
  return Math.floor(timestamp / 1000 / period) + delta;
}

/** The current code (tests and the RFC vectors; the server never shows codes). */
export function generateTotpCode(params: TotpParams & { now?: number }): string {
  return totpOf(params).generate({ timestamp: params.now ?? Date.now() });
}
