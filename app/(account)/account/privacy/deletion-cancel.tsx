"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { FormError } from "@/components/forms/form-error";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { useToast } from "@/components/ui/toaster";
import { cancelDeletionAction } from "@/lib/actions/privacy";

/** "Löschung abbrechen": restores the account; the toast outlives the refresh that hides this form. */
export function DeletionCancel() {
  const t = useTranslations("account.privacy.deletion");
  const router = useRouter();
  const toast = useToast();
  const {
    handleSubmit,
    setError,
    formState: { isSubmitting },
  } = useForm();
  const { formError, run } = useActionSubmit(setError);
  const onSubmit = handleSubmit(async () => {
    const result = await run(() => cancelDeletionAction());
    if (result.ok) {
      toast.show({ tone: "success", message: t("cancelled") });
      router.replace("/account/privacy");
      router.refresh();
    }
  });

  return (
    <form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-3">
      <FormError message={formError} />
      <div>
        <SubmitButton pending={isSubmitting} pendingLabel={t("cancelling")}>
          {t("cancel")}
        </SubmitButton>
      </div>
    </form>
  );
}
