"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { FormError } from "@/components/forms/form-error";
import { PasswordField } from "@/components/forms/password-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { useValidationMessage } from "@/components/forms/use-validation-message";
import { acceptStaffInvitationAction } from "@/lib/actions/staff";
import { AcceptStaffInvitationSchema, type AcceptStaffInvitationInput } from "@/lib/schemas/staff";

/** The invitee's first password; the action then sends them to /login. */
export function AcceptInvitationForm({ token, email }: { token: string; email: string }) {
  const t = useTranslations("staff.invitation");
  const validationMessage = useValidationMessage();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<AcceptStaffInvitationInput>({
    resolver: zodResolver(AcceptStaffInvitationSchema),
    defaultValues: { token, password: "" },
  });
  const { formError, run } = useActionSubmit(setError);
  const onSubmit = handleSubmit(async (values) => {
    await run(() => acceptStaffInvitationAction(values));
  });

  return (
    <form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
      <FormError message={formError} />
      {/* For password managers: the account the new password belongs to. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
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
