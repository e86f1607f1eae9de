"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { FormError } from "@/components/forms/form-error";
import { PasswordField } from "@/components/forms/password-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { useValidationMessage } from "@/components/forms/use-validation-message";
import { stepUpWithEmailCodeAction, stepUpWithPasswordAction } from "@/lib/actions/step-up";
import {
  StepUpEmailCodeSchema,
  StepUpPasswordSchema,
  type StepUpEmailCodeInput,
  type StepUpPasswordInput,
} from "@/lib/schemas/step-up";
import { useStepUpCodeSender } from "./step-up-send-code";

/** What comes with the password: nothing, the app's code, a recovery code or a mailed code. */
export type PasswordSecond = "none" | "totp" | "recoveryCode" | "emailCode";

export function StepUpPasswordForm({
  second,
  onConfirmed,
}: {
  second: PasswordSecond;
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
    defaultValues: { password: "", totpCode: "", recoveryCode: "", emailCode: "" },
  });
  const { formError, run } = useActionSubmit(setError);
  const mailed = useStepUpCodeSender();
  const onSubmit = handleSubmit(async (values) => {
    const result = await run(() => stepUpWithPasswordAction(values));
    if (result.ok) onConfirmed();
  });

  const form = (
    <form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      <FormError message={formError} />
      <PasswordField
        purpose="current"
        label={t("password")}
        autoFocus
        error={validationMessage(errors.password?.message)}
        {...register("password")}
      />
      {second === "totp" ? (
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
      {second === "recoveryCode" ? (
        <TextField
          label={t("recoveryCode")}
          hint={t("recoveryHint")}
          autoComplete="off"
          required
          error={validationMessage(errors.recoveryCode?.message)}
          {...register("recoveryCode")}
        />
      ) : null}
      {second === "emailCode" ? (
        <TextField
          label={t("emailCode")}
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          error={validationMessage(errors.emailCode?.message)}
          {...register("emailCode")}
        />
      ) : null}
      <SubmitButton pending={isSubmitting}>{t("submit")}</SubmitButton>
    </form>
  );
  if (second !== "emailCode") return form;
  // The code is mailed first; the password and the code then go together in one attempt.
  return (
    <div className="flex flex-col gap-4">
      {mailed.sender}
      {mailed.sent ? form : null}
    </div>
  );
}

export function StepUpCodeForm({ onConfirmed }: { onConfirmed: () => void }) {
  const t = useTranslations("stepUp");
  const validationMessage = useValidationMessage();
  const mailed = useStepUpCodeSender();
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

  return (
    <div className="flex flex-col gap-4">
      {mailed.sender}
      {mailed.sent ? (
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
