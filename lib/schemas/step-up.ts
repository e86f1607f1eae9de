import { z } from "zod";
import { CurrentPasswordSchema, NewPasswordSchema } from "./auth";
import { SixDigitCodeSchema } from "./second-factor";

// The step-up dialog (app/_components/step-up) and its actions (lib/actions/step-up.ts).

/** How this person confirms: their strongest factor (lib/server/identity/step-up.ts). */
export type StepUpMethod = "passkey" | "password" | "emailCode";
export type StepUpOptions = { method: StepUpMethod; totpRequired: boolean };

/**
 * Every way this account can confirm, strongest first, with the same pairs sign-in accepts
 * (docs/decisions/0051): the first is the one the dialog opens with, the others sit behind
 * "Andere Methode wählen".
 */
export const STEP_UP_WAYS = [
  "passkey",
  "passwordTotp",
  "passwordRecoveryCode",
  "passwordEmailCode",
  "password",
  "emailCode",
] as const;
export type StepUpWay = (typeof STEP_UP_WAYS)[number];

const OptionalSixDigits = z.union([z.literal(""), SixDigitCodeSchema]).optional();

/**
 * The password, plus at most one second factor: the authenticator code, a recovery code or the
 * mailed code. Which of them the account may use is decided on the server.
 */
export const StepUpPasswordSchema = z.object({
  password: CurrentPasswordSchema,
  totpCode: OptionalSixDigits,
  recoveryCode: z.string().trim().max(32, "validation.invalid").optional(),
  emailCode: OptionalSixDigits,
});
export type StepUpPasswordInput = z.input<typeof StepUpPasswordSchema>;

export const StepUpEmailCodeSchema = z.object({ code: SixDigitCodeSchema });
export type StepUpEmailCodeInput = z.input<typeof StepUpEmailCodeSchema>;

/** /account/security "change password": the step-up before it is the proof of the old one. */
export const ChangePasswordSchema = z.object({ newPassword: NewPasswordSchema });
export type ChangePasswordInput = z.input<typeof ChangePasswordSchema>;
