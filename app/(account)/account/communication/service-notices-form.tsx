"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { CheckboxField } from "@/components/forms/checkbox-field";
import { FormError } from "@/components/forms/form-error";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { Notice } from "@/components/ui/notice";
import { updateServiceNoticesAction } from "@/lib/actions/communication";
import type { ServiceNoticesInput } from "@/lib/schemas/communication";

/**
 * Service notices about orders (docs/decisions/0067): its own form, so saving it never touches the
 * marketing channels and saving those never touches it.
 */
export function ServiceNoticesForm({ defaults }: { defaults: ServiceNoticesInput }) {
  const t = useTranslations("account.communication.serviceNotices");
  const [saved, setSaved] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    formState: { isSubmitting },
  } = useForm<ServiceNoticesInput>({ defaultValues: defaults });
  const { formError, run } = useActionSubmit(setError);
  const legendId = useId();
  const onSubmit = handleSubmit(async (values) => {
    setSaved(false);
    const result = await run(() => updateServiceNoticesAction(values));
    if (result.ok) setSaved(true);
  });

  return (
    <form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      {saved ? <Notice tone="success">{t("saved")}</Notice> : null}
      <FormError message={formError} />
      <fieldset className="flex flex-col gap-3" aria-labelledby={legendId}>
        <legend id={legendId} className="text-base font-semibold text-slate-900">
          {t("legend")}
        </legend>
        <CheckboxField label={t("email")} {...register("email")} />
        <CheckboxField label={t("push")} hint={t("pushHint")} {...register("push")} />
      </fieldset>
      <div>
        <SubmitButton pending={isSubmitting}>{t("submit")}</SubmitButton>
      </div>
    </form>
  );
}
