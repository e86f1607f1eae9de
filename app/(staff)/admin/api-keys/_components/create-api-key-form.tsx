"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { CheckboxField } from "@/components/forms/checkbox-field";
import { CheckboxGroup } from "@/components/forms/checkbox-group";
import { FormError } from "@/components/forms/form-error";
import { SelectField } from "@/components/forms/select-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { useValidationMessage } from "@/components/forms/use-validation-message";
import { ShownOnceSecret } from "@/components/ui/shown-once-secret";
import { createApiKeyAction } from "@/lib/actions/api-keys";
import { API_SCOPES } from "@/lib/config/api";
import { API_KEY_LIFETIME_CHOICES, CreateApiKeySchema, type CreateApiKeyInput } from "@/lib/schemas/api-keys";

const SCOPE_LABEL_KEYS = {
  "audiences:read": "audiencesRead",
  "consents:read": "consentsRead",
  "orders:write": "ordersWrite",
} as const;

/** "Schlüssel erstellen": name, scopes, lifetime; the new key is shown once, above the form. */
export function CreateApiKeyForm() {
  const t = useTranslations("staff.admin.apiKeys");
  const validationMessage = useValidationMessage();
  const [created, setCreated] = useState<{ key: string; prefix: string } | null>(null);
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<CreateApiKeyInput>({
    resolver: zodResolver(CreateApiKeySchema),
    defaultValues: { name: "", scopes: [], lifetimeDays: "90" },
  });
  const { formError, run } = useActionSubmit(setError);
  const onSubmit = handleSubmit(async (values) => {
    setCreated(null);
    const result = await run(() => createApiKeyAction(values));
    if (result.ok) {
      setCreated(result.data);
      reset();
    }
  });
  const scopesError = validationMessage(errors.scopes?.message ?? errors.scopes?.root?.message);

  return (
    <div className="flex flex-col gap-5">
      {created ? (
        <ShownOnceSecret
          title={t("createdTitle", { prefix: created.prefix })}
          text={t("createdText")}
          label={t("createdLabel")}
          value={created.key}
        />
      ) : null}
      <form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
        <FormError message={formError} />
        <TextField
          label={t("name")}
          hint={t("nameHint")}
          required
          autoComplete="off"
          error={validationMessage(errors.name?.message)}
          {...register("name")}
        />
        <CheckboxGroup legend={t("scopes")} error={scopesError}>
          {API_SCOPES.map((scope) => (
            <CheckboxField
              key={scope}
              label={t(`scopeNames.${SCOPE_LABEL_KEYS[scope]}`)}
              value={scope}
              {...register("scopes")}
            />
          ))}
        </CheckboxGroup>
        <SelectField
          label={t("lifetime")}
          required
          placeholder={false}
          options={API_KEY_LIFETIME_CHOICES.map((days) => ({
            value: days,
            label: t("lifetimeOption", { days }),
          }))}
          error={validationMessage(errors.lifetimeDays?.message)}
          {...register("lifetimeDays")}
        />
        <SubmitButton pending={isSubmitting}>{t("submit")}</SubmitButton>
      </form>
    </div>
  );
}
