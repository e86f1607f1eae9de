"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { EmailField } from "@/components/forms/email-field";
import { FormError } from "@/components/forms/form-error";
import { SelectField } from "@/components/forms/select-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { useValidationMessage } from "@/components/forms/use-validation-message";
import { Notice } from "@/components/ui/notice";
import { inviteStaffAction } from "@/lib/actions/staff";
import { InviteStaffSchema, STAFF_ROLE_CHOICES, type InviteStaffInput } from "@/lib/schemas/staff";

/** "Einladen": the work address and one role; the step-up dialog opens if the session is stale. */
export function InviteStaffForm() {
  const t = useTranslations("staff.admin.staff");
  const validationMessage = useValidationMessage();
  const [invited, setInvited] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<InviteStaffInput>({
    resolver: zodResolver(InviteStaffSchema),
    defaultValues: { email: "", role: undefined },
  });
  const { formError, run } = useActionSubmit(setError);
  const onSubmit = handleSubmit(async (values) => {
    setInvited(null);
    const result = await run(() => inviteStaffAction(values));
    if (result.ok) {
      setInvited(result.data.email);
      reset();
    }
  });

  return (
    <form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
      {invited ? <Notice tone="success">{t("invited", { email: invited })}</Notice> : null}
      <FormError message={formError} />
      <EmailField
        label={t("email")}
        autoComplete="off"
        required
        error={validationMessage(errors.email?.message)}
        {...register("email")}
      />
      <SelectField
        label={t("role")}
        required
        placeholder={t("rolePlaceholder")}
        options={STAFF_ROLE_CHOICES.map((role) => ({ value: role, label: t(`roleNames.${role}`) }))}
        error={validationMessage(errors.role?.message)}
        {...register("role")}
      />
      <SubmitButton pending={isSubmitting}>{t("submit")}</SubmitButton>
    </form>
  );
}
