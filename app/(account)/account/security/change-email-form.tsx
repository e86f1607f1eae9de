"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { EmailField } from "@/components/forms/email-field";
import { FormError } from "@/components/forms/form-error";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { useValidationMessage } from "@/components/forms/use-validation-message";
import { useToast } from "@/components/ui/toaster";
import { changeEmailAction } from "@/lib/actions/account-security";
import { ChangeEmailSchema, type ChangeEmailInput } from "@/lib/schemas/auth";

export function ChangeEmailForm() {
  const t = useTranslations("account.security");
  const validationMessage = useValidationMessage();
  const toast = useToast();
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<ChangeEmailInput>({
    resolver: zodResolver(ChangeEmailSchema),
    defaultValues: { newEmail: "" },
  });
  const { formError, run } = useActionSubmit(setError);
  const onSubmit = handleSubmit(async (values) => {
    const result = await run(() => changeEmailAction(values));
    if (!result.ok) return;
    // Told by the toaster and kept until dismissed: it asks the customer to open that mail
    // (docs/decisions/0054). The form is done and empties.
    reset();
    toast.show({ tone: "success", durationMs: null, message: t("emailSent") });
  });

  return (
    <form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
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
