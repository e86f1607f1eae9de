"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { startAuthentication } from "@/components/forms/webauthn-browser";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { FormError } from "@/components/forms/form-error";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { useFailureMessage } from "@/components/forms/use-failure-message";
import { useValidationMessage } from "@/components/forms/use-validation-message";
import { passkeyErrorKey } from "@/components/forms/passkey-errors";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import {
  confirmTransactionWithPasskeyAction,
  confirmTransactionWithTotpAction,
  startTransactionPasskeyAction,
} from "@/lib/actions/transactions";
import type { TransactionKind } from "@/lib/server/transactions/kinds";
import type { ActionResult } from "@/lib/errors";
import {
  ConfirmTransactionWithTotpSchema,
  type ConfirmTransactionWithTotp,
  type ConfirmTransactionWithTotpInput,
} from "@/lib/schemas/transaction";

const SUCCESS_KEYS = {
  "order.approve": "success.orderApprove",
  "bank_account.change": "success.bankAccountChange",
  "shop_approval.approve": "success.shopApprovalApprove",
} as const satisfies Record<TransactionKind, string>;

export type ConfirmTransactionProps = {
  transactionId: string;
  kind: TransactionKind;
  /** Hash of the details the page rendered (lib/server/transactions/display.ts). */
  shownHash: string;
  method: "PASSKEY" | "TOTP" | "NONE";
};

/** Failures after which this transaction cannot be confirmed any more: a new one is needed. */
function isFinal(result: ActionResult<unknown>): boolean {
  return !result.ok && (result.code === "NOT_FOUND" || result.code === "FORBIDDEN");
}

/**
 * Confirms a transaction whose details the page shows above it: with the customer's passkey (the
 * signed challenge is bound to those details), or with an authenticator-app code when they have
 * no passkey. Reused by every kind; the page renders the kind's details.
 */
export function ConfirmTransaction({ transactionId, kind, shownHash, method }: ConfirmTransactionProps) {
  const t = useTranslations("transaction");
  const router = useRouter();
  const [done, setDone] = useState(false);
  const [final, setFinal] = useState(false);

  if (done) return <Notice tone="success" title={t(SUCCESS_KEYS[kind])} />;
  if (method === "NONE")
    return (
      <div className="flex flex-col gap-3">
        <Notice tone="warning">{t("confirm.noMethod")}</Notice>
        <Button href="/account/security" variant="secondary" className="self-start">
          {t("confirm.setUpLink")}
        </Button>
      </div>
    );

  const onResult = (result: ActionResult<unknown>) => {
    if (result.ok) setDone(true);
    else if (isFinal(result)) setFinal(true);
  };
  const props = { transactionId, shownHash, onResult, final };
  return (
    <div className="flex flex-col gap-4">
      {method === "PASSKEY" ? <PasskeyConfirmation {...props} /> : <TotpConfirmation {...props} />}
      {final ? (
        <Button variant="secondary" className="self-start" onClick={() => router.refresh()}>
          {t("confirm.reload")}
        </Button>
      ) : null}
    </div>
  );
}

type MethodProps = {
  transactionId: string;
  shownHash: string;
  final: boolean;
  onResult: (result: ActionResult<unknown>) => void;
};

function PasskeyConfirmation({ transactionId, shownHash, final, onResult }: MethodProps) {
  const t = useTranslations("transaction.confirm");
  const tPasskeys = useTranslations("passkeys");
  const describe = useFailureMessage();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();

  async function confirm() {
    setPending(true);
    setError(undefined);
    try {
      const options = await startTransactionPasskeyAction({ transactionId });
      const result = options.ok
        ? await confirmTransactionWithPasskeyAction({
            transactionId,
            shownHash,
            response: await startAuthentication({ optionsJSON: options.data }),
          })
        : options;
      if (!result.ok) setError(describe(result));
      onResult(result);
    } catch (caught) {
      const key = passkeyErrorKey(caught);
      if (key) setError(tPasskeys(key));
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="flex flex-col gap-3">
      <FormError message={error} />
      {final ? null : (
        <>
          <p className="text-sm text-slate-700">{t("passkeyHint")}</p>
          <Button
            className="self-start"
            onClick={() => void confirm()}
            disabled={pending}
            aria-busy={pending || undefined}
          >
            {pending ? t("passkeyPending") : t("passkeyButton")}
          </Button>
        </>
      )}
    </div>
  );
}

function TotpConfirmation({ transactionId, shownHash, final, onResult }: MethodProps) {
  const t = useTranslations("transaction.confirm");
  const validationMessage = useValidationMessage();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ConfirmTransactionWithTotpInput, unknown, ConfirmTransactionWithTotp>({
    resolver: zodResolver(ConfirmTransactionWithTotpSchema),
    defaultValues: { transactionId, shownHash, code: "" },
  });
  const { formError, run } = useActionSubmit(setError);
  const onSubmit = handleSubmit(async (values) => {
    onResult(await run(() => confirmTransactionWithTotpAction(values)));
  });

  return (
    <form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      <FormError message={formError} />
      {final ? null : (
        <>
          <p className="text-sm text-slate-700">{t("totpHint")}</p>
          <TextField
            label={t("codeLabel")}
            required
            autoComplete="one-time-code"
            inputMode="numeric"
            error={validationMessage(errors.code?.message)}
            {...register("code")}
          />
          <SubmitButton pending={isSubmitting} className="self-start">
            {t("totpButton")}
          </SubmitButton>
        </>
      )}
    </form>
  );
}
