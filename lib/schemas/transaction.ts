import { z } from "zod";
import { AuthenticationResponseSchema } from "./passkeys";
import { SixDigitCodeSchema } from "./second-factor";

// Confirming a transaction (lib/server/transactions): which one, the hash of the details the page
// showed, and the proof (a passkey assertion or an authenticator-app code).

export const TransactionIdSchema = z.object({ transactionId: z.string().min(1).max(64) });
export type TransactionIdInput = z.input<typeof TransactionIdSchema>;

/** SHA-256 hex of the canonical details, as rendered by the page. */
const ShownHashSchema = z.string().regex(/^[0-9a-f]{64}$/);

export const ConfirmTransactionWithPasskeySchema = TransactionIdSchema.extend({
  shownHash: ShownHashSchema,
  response: AuthenticationResponseSchema,
});
/** The browser's assertion is passed on as it is and checked by the schema on the server. */
export type ConfirmTransactionWithPasskeyInput = Omit<
  z.input<typeof ConfirmTransactionWithPasskeySchema>,
  "response"
> & { response: unknown };

export const ConfirmTransactionWithTotpSchema = TransactionIdSchema.extend({
  shownHash: ShownHashSchema,
  code: SixDigitCodeSchema,
});
export type ConfirmTransactionWithTotpInput = z.input<typeof ConfirmTransactionWithTotpSchema>;
export type ConfirmTransactionWithTotp = z.output<typeof ConfirmTransactionWithTotpSchema>;
