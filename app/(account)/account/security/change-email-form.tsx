"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { EmailField } from "@/components/forms/email-field";
import { FormError } from "@/components/forms/form-error";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { useValidationMessage } from "@/components/forms/use-validation-message";
import { Notice } from "@/components/ui/notice";
import { changeEmailAction } from "@/lib/actions/account-security";
import { ChangeEmailSchema, type ChangeEmailInput } from "@/lib/schemas/auth";

export function ChangeEmailForm() {
  const t = useTranslations("account.security");
  const validationMessage = useValidationMessage();
  const [sent, setSent] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ChangeEmailInput>({
    resolver: zodResolver(ChangeEmailSchema),
    defaultValues: { newEmail: "" },
  });
  const { formError, run } = useActionSubmit(setError);
  const onSubmit = handleSubmit(async (values) => {
    setSent(false);
    const result = await run(() => changeEmailAction(values));
    setSent(result.ok);
  });

  return (
    <form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
      {sent ? <Notice tone="success">{t("emailSent")}</Notice> : null}
      <FormError message={formError} />
      <EmailField
        label={t("newEmail")}
        autoComplete="email"
        required
        hint={t("emailHint")}
        error={validationMessage(errors.newEmail?.message)}
        {...register("newEmail")}
      />
      <SubmitButton pending={isSubmitting}>{t("emailSubmit")}</SubmitButton>
    </form>
  );
}
