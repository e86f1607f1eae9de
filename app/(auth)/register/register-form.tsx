"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { AcceptTermsField } from "@/components/forms/accept-terms-field";
import { FormError } from "@/components/forms/form-error";
import { SubmitButton } from "@/components/forms/submit-button";
import { EmailField } from "@/components/forms/email-field";
import { PasswordField } from "@/components/forms/password-field";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { useValidationMessage } from "@/components/forms/use-validation-message";
import { registerAccount } from "@/lib/actions/auth";
import { RegisterSchema, type Register, type RegisterInput } from "@/lib/schemas/auth";

/** `defaultEmail` and `replacePending` come from "Falsche Adresse? Ändern" (decision 0056). */
export function RegisterForm({
  defaultEmail = "",
  replacePending = false,
}: {
  defaultEmail?: string;
  replacePending?: boolean;
}) {
  const t = useTranslations("auth.register");
  const tForms = useTranslations("forms");
  const validationMessage = useValidationMessage();
  const router = useRouter();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<RegisterInput, unknown, Register>({
    resolver: zodResolver(RegisterSchema),
    defaultValues: { email: defaultEmail, password: "", acceptTerms: false },
  });
  const { formError, run } = useActionSubmit(setError);

  const onSubmit = handleSubmit(async (values) => {
    const result = await run(() => registerAccount(replacePending ? { ...values, replacePending } : values));
    if (result.ok) router.replace(result.data.redirectTo);
  });

  return (
    <form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
      <p className="text-sm text-slate-600">{tForms("requiredNote")}</p>
      <FormError message={formError} />
      <EmailField
        label={t("email")}
        hint={t("emailHint")}
        required
        error={validationMessage(errors.email?.message)}
        {...register("email")}
      />
      <PasswordField
        purpose="new"
        label={t("password")}
        hint={t("passwordHint")}
        error={validationMessage(errors.password?.message)}
        {...register("password")}
      />
      <AcceptTermsField error={validationMessage(errors.acceptTerms?.message)} {...register("acceptTerms")} />
      <SubmitButton pending={isSubmitting} className="w-full">
        {t("submit")}
      </SubmitButton>
    </form>
  );
}
