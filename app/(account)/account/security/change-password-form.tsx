"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { FormError } from "@/components/forms/form-error";
import { PasswordField } from "@/components/forms/password-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { useValidationMessage } from "@/components/forms/use-validation-message";
import { useToast } from "@/components/ui/toaster";
import { changePasswordAction } from "@/lib/actions/account-security";
import { ChangePasswordSchema, type ChangePasswordInput } from "@/lib/schemas/step-up";

/** New password only: the step-up the action asks for (when stale) is the proof of the old one. */
export function ChangePasswordForm() {
  const t = useTranslations("account.security");
  const validationMessage = useValidationMessage();
  const toast = useToast();
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<ChangePasswordInput>({
    resolver: zodResolver(ChangePasswordSchema),
    defaultValues: { newPassword: "" },
  });
  const { formError, run } = useActionSubmit(setError);
  const onSubmit = handleSubmit(async (values) => {
    const result = await run(() => changePasswordAction(values));
    // Told by the toaster (docs/decisions/0054); the field empties, the form is done.
    if (!result.ok) return;
    reset();
    toast.show({ tone: "success", message: t("passwordChanged") });
  });

  return (
    <form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
      <FormError message={formError} />
      <PasswordField
        purpose="new"
        label={t("newPassword")}
        hint={t("newPasswordHint")}
        error={validationMessage(errors.newPassword?.message)}
        {...register("newPassword")}
      />
      <SubmitButton pending={isSubmitting}>{t("passwordSubmit")}</SubmitButton>
    </form>
  );
}
