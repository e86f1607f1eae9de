"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { FormError } from "@/components/forms/form-error";
import { SubmitButton } from "@/components/forms/submit-button";
import { EmailField } from "@/components/forms/email-field";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { useValidationMessage } from "@/components/forms/use-validation-message";
import { requestPasswordReset } from "@/lib/actions/auth";
import { ForgotPasswordSchema, type ForgotPassword, type ForgotPasswordInput } from "@/lib/schemas/auth";

export function ForgotPasswordForm() {
  const t = useTranslations("auth.forgotPassword");
  const tForms = useTranslations("forms");
  const validationMessage = useValidationMessage();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ForgotPasswordInput, unknown, ForgotPassword>({
    resolver: zodResolver(ForgotPasswordSchema),
    defaultValues: { email: "" },
  });
  const { formError, run } = useActionSubmit(setError);

  const onSubmit = handleSubmit(async (values) => {
    await run(() => requestPasswordReset(values));
  });

  return (
    <form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
      <p className="text-sm text-slate-600">{tForms("requiredNote")}</p>
      <FormError message={formError} />
      <EmailField
        label={t("email")}
        autoComplete="email"
        required
        error={validationMessage(errors.email?.message)}
        {...register("email")}
      />
      <SubmitButton pending={isSubmitting} className="w-full">
        {t("submit")}
      </SubmitButton>
    </form>
  );
}
