/**
 * The order factor changes rely on (docs/decisions/0024): passkey > password and authenticator
 * app > password > email code. A row per strongest factor and way the session last authenticated.
 */
import { describe, expect, it } from "vitest";
import type { StepUpOptions } from "@/lib/schemas/step-up";
import { meetsStrongestFactor } from "@/lib/server/identity/factor-strength";

const PASSKEY: StepUpOptions = { method: "passkey", totpRequired: false };
const PASSWORD_TOTP: StepUpOptions = { method: "password", totpRequired: true };
const PASSWORD: StepUpOptions = { method: "password", totpRequired: false };
const EMAIL_CODE: StepUpOptions = { method: "emailCode", totpRequired: false };

describe("meetsStrongestFactor", () => {
  it.each([
    // Account with a passkey: only a user-verified passkey will do.
    [PASSKEY, ["PASSKEY"], 2, true],
    [PASSKEY, ["PASSKEY"], 1, false],
    [PASSKEY, ["PASSKEY", "EMAIL_CODE"], 2, true],
    [PASSKEY, ["PASSWORD", "TOTP"], 2, false],
    [PASSKEY, ["PASSWORD"], 1, false],
    [PASSKEY, ["SOCIAL"], 1, false],
    // Password and authenticator app.
    [PASSWORD_TOTP, ["PASSWORD", "TOTP"], 2, true],
    [PASSWORD_TOTP, ["PASSWORD", "RECOVERY_CODE"], 2, true],
    [PASSWORD_TOTP, ["PASSKEY"], 2, true],
    [PASSWORD_TOTP, ["PASSWORD"], 1, false],
    [PASSWORD_TOTP, ["PASSWORD", "EMAIL_CODE"], 2, false],
    [PASSWORD_TOTP, ["TOTP"], 1, false],
    [PASSWORD_TOTP, ["SOCIAL"], 1, false],
    // Password only.
    [PASSWORD, ["PASSWORD"], 1, true],
    [PASSWORD, ["PASSWORD", "EMAIL_CODE"], 2, true],
    [PASSWORD, ["SOCIAL"], 1, false],
    [PASSWORD, ["EMAIL_CODE"], 1, false],
    [PASSWORD, [], 1, false],
    // Neither password nor passkey (social only): any authentication.
    [EMAIL_CODE, ["SOCIAL"], 1, true],
    [EMAIL_CODE, ["EMAIL_CODE"], 1, true],
    [EMAIL_CODE, [], 1, false],
  ] as const)("%j after %j (aal %d) → %s", (options, authMethods, aal, expected) => {
    expect(meetsStrongestFactor({ authMethods, aal }, options)).toBe(expected);
  });
});
