"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { CheckboxField } from "@/components/forms/checkbox-field";
import { FieldErrorText } from "@/components/forms/field-parts";
import { FormError } from "@/components/forms/form-error";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { useValidationMessage } from "@/components/forms/use-validation-message";
import { Notice } from "@/components/ui/notice";
import { createWebhookAction } from "@/lib/actions/webhooks";
import { WEBHOOK_EVENT_TYPES } from "@/lib/config/webhooks";
import { CreateWebhookSchema, type CreateWebhookInput } from "@/lib/schemas/webhooks";

/** "Empfänger eintragen": URL and events; the signing secret is shown once, above the form. */
export function CreateWebhookForm() {
  const t = useTranslations("staff.admin.webhooks");
  const validationMessage = useValidationMessage();
  const [secret, setSecret] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<CreateWebhookInput>({
    resolver: zodResolver(CreateWebhookSchema),
    defaultValues: { url: "", events: [] },
  });
  const { formError, run } = useActionSubmit(setError);
  const onSubmit = handleSubmit(async (values) => {
    setSecret(null);
    const result = await run(() => createWebhookAction(values));
    if (result.ok) {
      setSecret(result.data.secret);
      reset();
    }
  });
  const eventsError = validationMessage(errors.events?.message ?? errors.events?.root?.message);

  return (
    <div className="flex flex-col gap-5">
      {secret ? (
        <Notice tone="success" title={t("createdTitle")}>
          <p>{t("createdText")}</p>
          <label className="mt-2 block text-sm font-medium" htmlFor="new-webhook-secret">
            {t("createdLabel")}
          </label>
          <input
            id="new-webhook-secret"
            readOnly
            value={secret}
            onFocus={(e) => e.currentTarget.select()}
            className="mt-1 w-full rounded-md border border-slate-400 bg-white px-3 py-2 font-mono text-sm"
          />
        </Notice>
      ) : null}
      <form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
        <FormError message={formError} />
        <TextField
          label={t("url")}
          hint={t("urlHint")}
          type="url"
          required
          autoComplete="off"
          error={validationMessage(errors.url?.message)}
          {...register("url")}
        />
        <fieldset className="flex flex-col gap-2" aria-describedby={eventsError ? "events-error" : undefined}>
          <legend className="mb-1 text-sm font-medium text-slate-900">{t("events")}</legend>
          {WEBHOOK_EVENT_TYPES.map((event) => (
            <CheckboxField
              key={event}
              label={t(`eventNames.${event.replace(".", "_") as "consent_granted"}`)}
              value={event}
              {...register("events")}
            />
          ))}
          {eventsError ? <FieldErrorText id="events-error">{eventsError}</FieldErrorText> : null}
        </fieldset>
        <SubmitButton pending={isSubmitting}>{t("submit")}</SubmitButton>
      </form>
    </div>
  );
}
