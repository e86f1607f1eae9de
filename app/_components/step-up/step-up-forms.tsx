"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { FormError } from "@/components/forms/form-error";
import { PasswordField } from "@/components/forms/password-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { useFailureMessage } from "@/components/forms/use-failure-message";
import { useValidationMessage } from "@/components/forms/use-validation-message";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import {
  sendStepUpCodeAction,
  stepUpWithEmailCodeAction,
  stepUpWithPasswordAction,
} from "@/lib/actions/step-up";
import {
  StepUpEmailCodeSchema,
  StepUpPasswordSchema,
  type StepUpEmailCodeInput,
  type StepUpPasswordInput,
} from "@/lib/schemas/step-up";

export function StepUpPasswordForm({
  totpRequired,
  onConfirmed,
}: {
  totpRequired: boolean;
  onConfirmed: () => void;
}) {
  const t = useTranslations("stepUp");
  const validationMessage = useValidationMessage();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<StepUpPasswordInput>({
    resolver: zodResolver(StepUpPasswordSchema),
    defaultValues: { password: "", totpCode: "" },
  });
  const { formError, run } = useActionSubmit(setError);
  const onSubmit = handleSubmit(async (values) => {
    const result = await run(() => stepUpWithPasswordAction(values));
    if (result.ok) onConfirmed();
  });

  return (
    <form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      <FormError message={formError} />
      <PasswordField
        purpose="current"
        label={t("password")}
        autoFocus
        error={validationMessage(errors.password?.message)}
        {...register("password")}
      />
      {totpRequired ? (
        <TextField
          label={t("totpCode")}
          hint={t("totpHint")}
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          error={validationMessage(errors.totpCode?.message)}
          {...register("totpCode")}
        />
      ) : null}
      <SubmitButton pending={isSubmitting}>{t("submit")}</SubmitButton>
    </form>
  );
}

export function StepUpCodeForm({ onConfirmed }: { onConfirmed: () => void }) {
  const t = useTranslations("stepUp");
  const tErrors = useTranslations("errors");
  const describe = useFailureMessage();
  const validationMessage = useValidationMessage();
  const [sent, setSent] = useState(false);
  const [sendError, setSendError] = useState<string>();
  const [sending, setSending] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<StepUpEmailCodeInput>({
    resolver: zodResolver(StepUpEmailCodeSchema),
    defaultValues: { code: "" },
  });
  const { formError, run } = useActionSubmit(setError);
  const onSubmit = handleSubmit(async (values) => {
    const result = await run(() => stepUpWithEmailCodeAction(values));
    if (result.ok) onConfirmed();
  });

  async function send() {
    setSending(true);
    setSendError(undefined);
    try {
      const result = await sendStepUpCodeAction();
      if (result.ok) setSent(true);
      else setSendError(describe(result));
    } catch {
      setSendError(tErrors("INTERNAL"));
    } finally {
      setSending(false);
    }
  }

  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm text-slate-700">{t("emailIntro")}</p>
      <FormError message={sendError} />
      {sent ? <Notice tone="success">{t("codeSent")}</Notice> : null}
      <Button
        variant={sent ? "secondary" : "primary"}
        onClick={() => void send()}
        disabled={sending}
        aria-busy={sending || undefined}
      >
        {t("sendCode")}
      </Button>
      {sent ? (
        <form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
          <FormError message={formError} />
          <TextField
            label={t("emailCode")}
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            error={validationMessage(errors.code?.message)}
            {...register("code")}
          />
          <SubmitButton pending={isSubmitting}>{t("submit")}</SubmitButton>
        </form>
      ) : null}
    </div>
  );
}
