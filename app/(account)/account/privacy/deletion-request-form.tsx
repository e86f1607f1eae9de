"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { useForm } from "react-hook-form";
import { CheckboxField } from "@/components/forms/checkbox-field";
import { FormError } from "@/components/forms/form-error";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { useValidationMessage } from "@/components/forms/use-validation-message";
import { requestDeletionAction } from "@/lib/actions/privacy";
import { RequestDeletionSchema, type RequestDeletionInput } from "@/lib/schemas/privacy";

/**
 * The explicit confirmation and the request. The action ends every session; the form then posts
 * to /logout, whose answer is a new document (no account data left in the tab) with
 * Clear-Site-Data (docs/decisions/0028).
 */
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
  const signOutFormId = useId();
  const onSubmit = handleSubmit(async (values) => {
    const result = await run(() => requestDeletionAction(values));
    if (result.ok) (document.getElementById(signOutFormId) as HTMLFormElement | null)?.submit();
  });

  return (
    <>
      <form id={signOutFormId} action="/logout" method="post" hidden />
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
    </>
  );
}
