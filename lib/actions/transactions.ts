"use server";

import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { requireUser } from "@/lib/auth/session";
import type { ConfirmTransactionResult } from "@/lib/server/transactions/confirmation-steps";
import {
  confirmTransactionWithPasskey,
  transactionPasskeyOptions,
} from "@/lib/server/transactions/confirm-with-passkey";
import { confirmTransactionWithTotp } from "@/lib/server/transactions/confirm-with-totp";
import type { TransactionKind } from "@/lib/server/transactions/kinds";
import {
  actionFailure,
  actionOk,
  rateLimitedFailure,
  validationFailed,
  type ActionResult,
} from "@/lib/errors";
import {
  ConfirmTransactionWithPasskeySchema,
  ConfirmTransactionWithTotpSchema,
  TransactionIdSchema,
  type ConfirmTransactionWithPasskeyInput,
  type ConfirmTransactionWithTotpInput,
  type TransactionIdInput,
} from "@/lib/schemas/transaction";
import { getClientInfo } from "@/lib/auth/client-info";

// The passkey assertion (user verification required) or the authenticator code IS the fresh
// authentication for the confirmed operation, so no separate step-up is asked (decision 0010).
const RETURN_TO = "/account";

type Confirmed = ActionResult<{ kind: TransactionKind }>;

function toActionResult(result: ConfirmTransactionResult): Confirmed {
  if (result.ok) return actionOk({ kind: result.kind });
  switch (result.code) {
    case "RATE_LIMITED":
      return rateLimitedFailure(result.retryAfterSeconds, "transaction.errors.rateLimited");
    case "INVALID_CODE":
      return actionFailure("VALIDATION_FAILED", { message: "transaction.errors.invalidCode" });
    case "NOT_ALLOWED":
      return actionFailure("FORBIDDEN", { message: "transaction.errors.notAllowed" });
    case "REJECTED":
      return actionFailure("FORBIDDEN", { message: "transaction.errors.rejected" });
    case "EXPIRED":
      return actionFailure("NOT_FOUND", { message: "transaction.errors.expired" });
    case "NOT_PENDING":
    case "NOT_FOUND":
      return actionFailure("NOT_FOUND", { message: "transaction.errors.notPending" });
  }
}

/** The WebAuthn options for a pending transaction of this session: its stored, derived challenge. */
export async function startTransactionPasskeyAction(
  input: TransactionIdInput,
): Promise<ActionResult<PublicKeyCredentialRequestOptionsJSON>> {
  const user = await requireUser({ returnTo: RETURN_TO });
  const parsed = TransactionIdSchema.safeParse(input);
  if (!parsed.success) return actionFailure("NOT_FOUND");
  const options = await transactionPasskeyOptions({
    userId: user.id,
    sessionId: user.sessionId,
    transactionId: parsed.data.transactionId,
  });
  if (!options) return actionFailure("NOT_FOUND", { message: "transaction.errors.notPending" });
  return actionOk(options);
}

export async function confirmTransactionWithPasskeyAction(
  input: ConfirmTransactionWithPasskeyInput,
): Promise<Confirmed> {
  const user = await requireUser({ returnTo: RETURN_TO });
  const parsed = ConfirmTransactionWithPasskeySchema.safeParse(input);
  if (!parsed.success) return actionFailure("VALIDATION_FAILED", { message: "passkeys.failed" });
  const result = await confirmTransactionWithPasskey({
    userId: user.id,
    sessionId: user.sessionId,
    transactionId: parsed.data.transactionId,
    shownHash: parsed.data.shownHash,
    response: parsed.data.response,
    client: await getClientInfo(),
  });
  return toActionResult(result);
}

export async function confirmTransactionWithTotpAction(
  input: ConfirmTransactionWithTotpInput,
): Promise<Confirmed> {
  const user = await requireUser({ returnTo: RETURN_TO });
  const parsed = ConfirmTransactionWithTotpSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  const result = await confirmTransactionWithTotp({
    userId: user.id,
    sessionId: user.sessionId,
    transactionId: parsed.data.transactionId,
    shownHash: parsed.data.shownHash,
    code: parsed.data.code,
    client: await getClientInfo(),
  });
  return toActionResult(result);
}
