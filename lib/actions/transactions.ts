"use server";

import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/session";
import type { ConfirmTransactionResult } from "@/lib/server/transactions/confirmation-steps";
import {
  confirmTransactionWithPasskey,
  transactionPasskeyOptions,
} from "@/lib/server/transactions/confirm-with-passkey";
import { confirmTransactionWithTotp } from "@/lib/server/transactions/confirm-with-totp";
import type { TransactionKind } from "@/lib/server/transactions/kinds";
import { actionFailure, actionOk, validationFailed, type ActionResult } from "@/lib/errors";
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

async function toActionResult(result: ConfirmTransactionResult): Promise<Confirmed> {
  if (result.ok) return actionOk({ kind: result.kind });
  const t = await getTranslations("transaction.errors");
  switch (result.code) {
    case "RATE_LIMITED":
      return actionFailure("RATE_LIMITED", {
        formError: t("rateLimited", { minutes: Math.max(1, Math.ceil(result.retryAfterSeconds / 60)) }),
      });
    case "INVALID_CODE":
      return actionFailure("VALIDATION_FAILED", { formError: t("invalidCode") });
    case "NOT_ALLOWED":
      return actionFailure("FORBIDDEN", { formError: t("notAllowed") });
    case "REJECTED":
      return actionFailure("FORBIDDEN", { formError: t("rejected") });
    case "EXPIRED":
      return actionFailure("NOT_FOUND", { formError: t("expired") });
    case "NOT_PENDING":
    case "NOT_FOUND":
      return actionFailure("NOT_FOUND", { formError: t("notPending") });
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
  if (!options)
    return actionFailure("NOT_FOUND", {
      formError: (await getTranslations("transaction.errors"))("notPending"),
    });
  return actionOk(options);
}

export async function confirmTransactionWithPasskeyAction(
  input: ConfirmTransactionWithPasskeyInput,
): Promise<Confirmed> {
  const user = await requireUser({ returnTo: RETURN_TO });
  const parsed = ConfirmTransactionWithPasskeySchema.safeParse(input);
  if (!parsed.success)
    return actionFailure("VALIDATION_FAILED", {
      formError: (await getTranslations("passkeys"))("failed"),
    });
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
