import { z } from "zod";
import { CurrentPasswordSchema, NewPasswordSchema } from "./auth";
import { SixDigitCodeSchema } from "./second-factor";

// The step-up dialog (app/_components/step-up) and its actions (lib/actions/step-up.ts).

/** How this person confirms: their strongest factor (lib/server/identity/step-up.ts). */
export type StepUpMethod = "passkey" | "password" | "emailCode";
export type StepUpOptions = { method: StepUpMethod; totpRequired: boolean };

/** Password, plus the authenticator code when the account has the app set up (checked on the server). */
export const StepUpPasswordSchema = z.object({
  password: CurrentPasswordSchema,
  totpCode: z.union([z.literal(""), SixDigitCodeSchema]).optional(),
});
export type StepUpPasswordInput = z.input<typeof StepUpPasswordSchema>;

export const StepUpEmailCodeSchema = z.object({ code: SixDigitCodeSchema });
export type StepUpEmailCodeInput = z.input<typeof StepUpEmailCodeSchema>;

/** /account/security "change password": the step-up before it is the proof of the old one. */
export const ChangePasswordSchema = z.object({ newPassword: NewPasswordSchema });
export type ChangePasswordInput = z.input<typeof ChangePasswordSchema>;
