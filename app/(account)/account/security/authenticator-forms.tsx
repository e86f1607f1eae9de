"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useForm } from "react-hook-form";
import { FormError } from "@/components/forms/form-error";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { useFailureMessage } from "@/components/forms/use-failure-message";
import { useValidationMessage } from "@/components/forms/use-validation-message";
import { Button } from "@/components/ui/button";
import { useRetryOnCode } from "@/components/forms/retry-on-code";
import { confirmTotpAction, disableTotpAction, regenerateRecoveryCodesAction } from "@/lib/actions/factors";
import { RecoveryCodesPanel } from "./recovery-codes-panel";
import { ConfirmTotpSchema, type ConfirmTotp, type ConfirmTotpInput } from "@/lib/schemas/second-factor";

/**
 * The first code of the authenticator app. `setup` (QR code and key, rendered by the server) goes
 * with the form: once the app is active they are no longer shown beside the recovery codes.
 */
export function ConfirmTotpForm({ setup }: { setup?: ReactNode }) {
  const t = useTranslations("factors.totp");
  const validationMessage = useValidationMessage();
  const [codes, setCodes] = useState<string[]>();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ConfirmTotpInput, unknown, ConfirmTotp>({
    resolver: zodResolver(ConfirmTotpSchema),
    defaultValues: { code: "" },
  });
  const { formError, run } = useActionSubmit(setError);
  const onSubmit = handleSubmit(async (values) => {
    const result = await run(() => confirmTotpAction(values));
    if (result.ok) setCodes(result.data.recoveryCodes);
  });

  if (codes) return <RecoveryCodesPanel codes={codes} notice={t("enabled")} />;
  return (
    <>
      {setup}
      <form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        <FormError message={formError} />
        <TextField
          label={t("codeLabel")}
          hint={t("codeHint")}
          required
          autoComplete="one-time-code"
          inputMode="numeric"
          error={validationMessage(errors.code?.message)}
          {...register("code")}
        />
        <SubmitButton pending={isSubmitting} className="self-start">
          {t("confirm")}
        </SubmitButton>
      </form>
    </>
  );
}

export function RegenerateRecoveryCodes() {
  const t = useTranslations("factors.recovery");
  const describe = useFailureMessage();
  const [codes, setCodes] = useState<string[]>();
  const [error, setFailure] = useState<string>();
  const [isPending, setPending] = useState(false);
  const withRetry = useRetryOnCode();

  async function regenerate() {
    setPending(true);
    setFailure(undefined);
    const result = await withRetry(() => regenerateRecoveryCodesAction()).catch(() => null);
    setPending(false);
    if (result?.ok) setCodes(result.data.recoveryCodes);
    else setFailure(describe(result ?? { ok: false, code: "INTERNAL" }));
  }

  if (codes) return <RecoveryCodesPanel codes={codes} />;
  return (
    <div className="flex flex-col gap-2">
      <FormError message={error} />
      <p className="text-sm text-slate-600">{t("regenerateHint")}</p>
      <Button
        type="button"
        variant="secondary"
        className="self-start"
        disabled={isPending}
        onClick={regenerate}
      >
        {t("regenerate")}
      </Button>
    </div>
  );
}

/**
 * "Remove the authenticator app": asks once whether they mean it, then the step-up dialog confirms
 * with the strongest factor when the session's last authentication was not that (lib/auth/step-up.ts).
 */
export function DisableTotp() {
  const t = useTranslations("factors.totp");
  const describe = useFailureMessage();
  const router = useRouter();
  const withRetry = useRetryOnCode();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setFailure] = useState<string>();
  const confirmText = useRef<HTMLParagraphElement>(null);

  // Move focus into what just opened, so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (confirming) confirmText.current?.focus();
  }, [confirming]);

  async function disable() {
    setPending(true);
    setFailure(undefined);
    const result = await withRetry(() => disableTotpAction()).catch(() => null);
    setPending(false);
    if (result?.ok) {
      router.refresh();
      return;
    }
    setConfirming(false);
    setFailure(describe(result ?? { ok: false, code: "INTERNAL" }));
  }

  return (
    <div className="flex flex-col gap-3 border-t border-slate-200 pt-4">
      <h3 className="font-semibold text-slate-900">{t("disableTitle")}</h3>
      <p className="text-sm text-slate-600">{t("disableHint")}</p>
      <FormError message={error} />
      {confirming ? (
        <div className="flex flex-col gap-2 rounded-lg border border-red-200 bg-red-50 p-3">
          <p ref={confirmText} tabIndex={-1} className="text-sm text-slate-900">
            {t("disableConfirm")}
          </p>
          <div className="flex gap-2">
            <Button variant="danger" size="sm" onClick={() => void disable()} disabled={pending}>
              {t("disableConfirmButton")}
            </Button>
            <Button variant="secondary" size="sm" onClick={() => setConfirming(false)}>
              {t("disableCancel")}
            </Button>
          </div>
        </div>
      ) : (
        <Button variant="danger" className="self-start" onClick={() => setConfirming(true)}>
          {t("disableButton")}
        </Button>
      )}
    </div>
  );
}
