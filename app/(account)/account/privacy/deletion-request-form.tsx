"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { CheckboxField } from "@/components/forms/checkbox-field";
import { FormError } from "@/components/forms/form-error";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { useValidationMessage } from "@/components/forms/use-validation-message";
import { requestDeletionAction } from "@/lib/actions/privacy";
import { RequestDeletionSchema, type RequestDeletionInput } from "@/lib/schemas/privacy";

/** The explicit confirmation and the request; on success the action signs out and redirects. */
export function DeletionRequestForm() {
  const t = useTranslations("account.privacy.deletion");
  const validationMessage = useValidationMessage();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<RequestDeletionInput>({
    resolver: zodResolver(RequestDeletionSchema),
    defaultValues: { confirmed: false },
  });
  const { formError, run } = useActionSubmit(setError);
  const onSubmit = handleSubmit(async (values) => {
    await run(() => requestDeletionAction(values));
  });

  return (
    <form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      <FormError message={formError} />
      <CheckboxField
        label={t("confirm")}
        required
        error={validationMessage(errors.confirmed?.message)}
        {...register("confirmed")}
      />
      <div>
        <SubmitButton pending={isSubmitting} pendingLabel={t("submitting")} variant="danger">
          {t("submit")}
        </SubmitButton>
      </div>
    </form>
  );
}
