"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { CheckboxField } from "@/components/forms/checkbox-field";
import { CheckboxGroup } from "@/components/forms/checkbox-group";
import { FormError } from "@/components/forms/form-error";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { useValidationMessage } from "@/components/forms/use-validation-message";
import { ShownOnceSecret } from "@/components/ui/shown-once-secret";
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
        <ShownOnceSecret
          title={t("createdTitle")}
          text={t("createdText")}
          label={t("createdLabel")}
          value={secret}
        />
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
        <CheckboxGroup legend={t("events")} error={eventsError}>
          {WEBHOOK_EVENT_TYPES.map((event) => (
            <CheckboxField
              key={event}
              label={t(`eventNames.${event.replace(".", "_") as "consent_granted"}`)}
              value={event}
              {...register("events")}
            />
          ))}
        </CheckboxGroup>
        <SubmitButton pending={isSubmitting}>{t("submit")}</SubmitButton>
      </form>
    </div>
  );
}
