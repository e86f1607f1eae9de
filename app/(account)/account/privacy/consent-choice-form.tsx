"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { useForm } from "react-hook-form";
import { FormError } from "@/components/forms/form-error";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { useToast } from "@/components/ui/toaster";
import { changeConsentAction } from "@/lib/actions/consent";
import { ConsentChoiceSchema, type ConsentChoiceInput } from "@/lib/schemas/consent";

type Props = {
  purposeKey: string;
  /** The version whose text is on screen; the server refuses a grant for an outdated one. */
  version: number;
  decision: "grant" | "withdraw";
};

/** One button, one action: "Zustimmen" or "Widerrufen" (withdrawing is as easy as granting). */
export function ConsentChoiceForm({ purposeKey, version, decision }: Props) {
  const t = useTranslations("account.privacy");
  const toast = useToast();
  const router = useRouter();
  const {
    handleSubmit,
    reset,
    setError,
    formState: { isSubmitting },
  } = useForm<ConsentChoiceInput>({
    resolver: zodResolver(ConsentChoiceSchema),
    defaultValues: { purposeKey, version, decision },
  });
  // After a refresh shows newer wording, the next click is about that wording (the error stays).
  useEffect(() => reset({ purposeKey, version, decision }), [reset, purposeKey, version, decision]);
  const { formError, run } = useActionSubmit(setError);
  const onSubmit = handleSubmit(async (values) => {
    const result = await run(() => changeConsentAction(values));
    if (!result.ok) {
      // e.g. a new version was published meanwhile: show it next to the error.
      router.refresh();
      return;
    }
    const { title, changed } = result.data;
    toast.show({
      tone: "success",
      message: !changed
        ? t("unchanged", { title })
        : decision === "grant"
          ? t("granted", { title })
          : t("withdrawn", { title }),
    });
    router.refresh();
  });

  return (
    <form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-3">
      <FormError message={formError} />
      <div>
        {/* Granting and withdrawing look alike: the portal does not nudge either way (issue 15 item 8). */}
        <SubmitButton pending={isSubmitting} variant="secondary" size="sm">
          {decision === "grant" ? t("grant") : t("withdraw")}
        </SubmitButton>
      </div>
    </form>
  );
}
