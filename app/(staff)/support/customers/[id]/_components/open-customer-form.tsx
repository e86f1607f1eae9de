"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { FormError } from "@/components/forms/form-error";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextAreaField } from "@/components/forms/text-area-field";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { useValidationMessage } from "@/components/forms/use-validation-message";
import { openCustomerAction } from "@/lib/actions/support";
import { SupportReasonSchema, type SupportReasonInput } from "@/lib/schemas/support";

/** Says why the agent opens this customer; the customer reads the reason in their activity list. */
export function OpenCustomerForm({ customerId }: { customerId: string }) {
  const t = useTranslations("staff.support.open");
  const router = useRouter();
  const validationMessage = useValidationMessage();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<SupportReasonInput>({
    resolver: zodResolver(SupportReasonSchema),
    defaultValues: { customerId, reason: "" },
  });
  const { formError, run } = useActionSubmit(setError);
  const onSubmit = handleSubmit(async (values) => {
    const result = await run(() => openCustomerAction(values));
    if (result.ok) router.refresh();
  });
  return (
    <form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
      <FormError message={formError} />
      <TextAreaField
        label={t("reason")}
        hint={t("reasonHint")}
        required
        rows={3}
        error={validationMessage(errors.reason?.message)}
        {...register("reason")}
      />
      <SubmitButton pending={isSubmitting}>{t("submit")}</SubmitButton>
    </form>
  );
}
