"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { FormError } from "@/components/forms/form-error";
import { SubmitButton } from "@/components/forms/submit-button";
import { PasswordField } from "@/components/forms/password-field";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { useValidationMessage } from "@/components/forms/use-validation-message";
import { resetPassword } from "@/lib/actions/auth";
import { ResetPasswordSchema, type ResetPasswordInput } from "@/lib/schemas/auth";

export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations("auth.resetPassword");
  const validationMessage = useValidationMessage();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ResetPasswordInput>({
    resolver: zodResolver(ResetPasswordSchema),
    defaultValues: { token, password: "" },
  });
  const { formError, run } = useActionSubmit(setError);
  const onSubmit = handleSubmit(async (values) => {
    await run(() => resetPassword(values));
  });

  return (
    <form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
      <FormError message={formError} />
      <input type="hidden" {...register("token")} />
      <PasswordField
        purpose="new"
        label={t("password")}
        hint={t("passwordHint")}
        error={validationMessage(errors.password?.message)}
        {...register("password")}
      />
      <SubmitButton pending={isSubmitting} className="w-full">
        {t("submit")}
      </SubmitButton>
    </form>
  );
}
