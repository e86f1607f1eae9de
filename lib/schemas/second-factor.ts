import { z } from "zod";

// Shared by the /login/verify and authenticator forms and their actions. Messages are keys of
// the `validation` namespace, as in lib/schemas/auth.ts.

export const SECOND_FACTOR_METHODS = ["TOTP", "RECOVERY_CODE", "EMAIL_CODE"] as const;

/** Six digits; spaces are allowed because apps show codes as "123 456". */
export const SixDigitCodeSchema = z
  .string("validation.required")
  .transform((v) => v.replace(/\s+/g, ""))
  .pipe(
    z
      .string()
      .min(1, { error: "validation.required", abort: true })
      .regex(/^\d{6}$/, "validation.invalid"),
  );

export const VerifySecondFactorSchema = z.object({
  method: z.enum(SECOND_FACTOR_METHODS),
  // Recovery codes are letters with hyphens; each method's shape is checked on the server.
  code: z.string("validation.required").trim().min(1, "validation.required").max(32, "validation.invalid"),
});
export type VerifySecondFactorInput = z.input<typeof VerifySecondFactorSchema>;
export type VerifySecondFactor = z.output<typeof VerifySecondFactorSchema>;

export const ConfirmTotpSchema = z.object({ code: SixDigitCodeSchema });
export type ConfirmTotpInput = z.input<typeof ConfirmTotpSchema>;
export type ConfirmTotp = z.output<typeof ConfirmTotpSchema>;
