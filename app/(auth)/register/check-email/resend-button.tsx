"use client";

import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { FormError } from "@/components/forms/form-error";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { useToast } from "@/components/ui/toaster";
import { resendRegistrationMailAction } from "@/lib/actions/auth";

/** "Erneut senden": the same toast for every address (decision 0056); throttling is worded inline. */
export function ResendRegistrationButton({ email }: { email: string }) {
  const t = useTranslations("auth.checkEmail");
  const toast = useToast();
  const {
    handleSubmit,
    setError,
    formState: { isSubmitting },
  } = useForm();
  const { formError, run } = useActionSubmit(setError);
  const onSubmit = handleSubmit(async () => {
    const result = await run(() => resendRegistrationMailAction());
    if (result.ok) toast.show({ tone: "success", message: t("resent", { email }) });
  });

  return (
    <form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-3">
      <FormError message={formError} />
      <div>
        <SubmitButton variant="secondary" pending={isSubmitting} pendingLabel={t("resending")}>
          {t("resend")}
        </SubmitButton>
      </div>
    </form>
  );
}
