import { z } from "zod";
import { SixDigitCodeSchema } from "./second-factor";

// /account/communication: the code that proves the profile's phone number (docs/decisions/0052).
export const VerifyPhoneCodeSchema = z.object({ code: SixDigitCodeSchema });
export type VerifyPhoneCodeInput = z.input<typeof VerifyPhoneCodeSchema>;
